/** The report's only stylesheet, inlined into the page (a constant: no user data in it). */
export const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; color: #1a202c; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #e2e8f0; padding-bottom: .25rem; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid #edf2f7; }
th { background: #f7fafc; position: sticky; top: 0; }
code { font-size: 12px; background: #f7fafc; padding: 0 .2rem; word-break: break-all; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 1rem; }
.card { border: 1px solid #e2e8f0; border-radius: 6px; padding: .75rem 1rem; }
.card h3 { margin: 0; font-size: 1.05rem; }
.explain { color: #4a5568; font-size: 12px; }
.url { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; }
.more { color: #718096; font-size: 12px; }
.good { color: #276749; font-weight: 600; }
.bad { color: #c53030; font-weight: 600; }
.warn { color: #975a16; }
.verdict { font-size: 1.1rem; }
.note { background: #ebf8ff; padding: .4rem .6rem; border-radius: 4px; }
.unanswered td { background: #fffaf0; }
.cat { display: inline-block; padding: 0 .4rem; border-radius: 3px; color: #fff; font-size: 12px; white-space: nowrap; }
.cat-necessary { background: #2f6f4f; } .cat-functional { background: #2b6cb0; }
.cat-analytics { background: #b7791f; } .cat-marketing { background: #c53030; } .cat-unknown { background: #718096; }
.f-present-while-blocked td:first-child, .f-set-before-consent td:first-child { border-left: 4px solid #c53030; }
.f-undeclared td:first-child, .f-retention-exceeds-declared td:first-child { border-left: 4px solid #dd6b20; }
.chart svg { max-width: 100%; height: auto; }
.legend { margin-right: 1rem; font-size: 13px; }
.swatch { display: inline-block; width: 12px; height: 12px; vertical-align: middle; }
dt { font-weight: 600; margin-top: .5rem; }
dd { margin-left: 1rem; color: #4a5568; }
ul.counts { margin: .25rem 0; padding-left: 1.2rem; }
`;
