/** Inline SVG: items per category, one group of bars per scenario. No script, no external assets. */

import { CATEGORY_COLOR, CATEGORY_LABEL, SCENARIO_LABEL } from "./labels.ts";
import type { ScenarioSummary } from "./summary.ts";
import { CATEGORY_COLUMNS } from "./summary.ts";

const BAR = 22;
const GAP = 6;
const GROUP_GAP = 34;
const HEIGHT = 180;
const TOP = 20;
const LEFT = 36;

export function CategoryChart({ summaries }: { summaries: ScenarioSummary[] }) {
  const max = Math.max(1, ...summaries.flatMap((s) => CATEGORY_COLUMNS.map((c) => s.itemsByCategory[c])));
  const groupWidth = CATEGORY_COLUMNS.length * (BAR + GAP) - GAP;
  const width = LEFT + summaries.length * (groupWidth + GROUP_GAP) + 10;
  const y = (n: number) => TOP + HEIGHT - (n / max) * HEIGHT;
  const title = "Number of distinct stored items per category in each scenario";
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-label={title}
        viewBox={`0 0 ${width} ${TOP + HEIGHT + 44}`}
        width={width}
        height={TOP + HEIGHT + 44}
      >
        <title>{title}</title>
        <line x1={LEFT} x2={width} y1={y(0)} y2={y(0)} stroke="#999" />
        <text x={LEFT - 6} y={y(max) + 4} text-anchor="end" font-size="11">
          {max}
        </text>
        <text x={LEFT - 6} y={y(0) + 4} text-anchor="end" font-size="11">
          0
        </text>
        {summaries.map((s, g) => {
          const x0 = LEFT + 10 + g * (groupWidth + GROUP_GAP);
          return (
            <g key={s.scenario}>
              {CATEGORY_COLUMNS.map((c, i) => {
                const n = s.itemsByCategory[c];
                const x = x0 + i * (BAR + GAP);
                return (
                  <g key={c}>
                    <rect x={x} y={y(n)} width={BAR} height={y(0) - y(n)} fill={CATEGORY_COLOR[c]}>
                      <title>{`${SCENARIO_LABEL[s.scenario]} — ${CATEGORY_LABEL[c]}: ${n}`}</title>
                    </rect>
                    <text x={x + BAR / 2} y={y(n) - 4} text-anchor="middle" font-size="11">
                      {n}
                    </text>
                  </g>
                );
              })}
              <text x={x0 + groupWidth / 2} y={y(0) + 18} text-anchor="middle" font-size="12">
                {SCENARIO_LABEL[s.scenario]}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {CATEGORY_COLUMNS.map((c) => (
          <span class="legend" key={c}>
            <span class="swatch" style={{ background: CATEGORY_COLOR[c] }} /> {CATEGORY_LABEL[c]}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
