import { useCallback, useEffect, useState } from "preact/hooks";
import type { OptionalCategory } from "../../shared/categories.ts";
import type { Inventory } from "../../shared/protocol/messages.ts";
import { send } from "./api.ts";
import { type Lang, messageKey, type Translate } from "./i18n.ts";
import { View } from "./View.tsx";

function download(filename: string, mime: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Loads the tab's inventory and wires the actions to service-worker commands. */
export function App({ tabId, t, lang }: { tabId: number; t: Translate; lang: Lang }) {
  const [inventory, setInventory] = useState<Inventory>();
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");

  const load = useCallback(async () => {
    try {
      setInventory((await send({ type: "getInventory", tabId })).inventory);
      setError("");
    } catch (e) {
      setError(String(e instanceof Error ? e.message : e));
    }
  }, [tabId]);
  useEffect(() => {
    void load();
  }, [load]);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setStatus(t("working"));
    try {
      setStatus(await work());
    } catch (e) {
      setStatus(t("errorPrefix", String(e instanceof Error ? e.message : e)));
    } finally {
      await load();
      setBusy(false);
    }
  };
  const blockedText = (list: string[]) =>
    list.length === 0 ? t("none") : list.map((c) => t(messageKey("category", c))).join(", ");

  if (error) return <p role="alert">{t("errorPrefix", error)}</p>;
  if (!inventory) return <p role="status">{t("loading")}</p>;
  const site = inventory.site;
  return (
    <View
      inventory={inventory}
      t={t}
      lang={lang}
      busy={busy}
      status={status}
      actions={{
        onClear: (category: OptionalCategory) =>
          run(async () => {
            const { report } = await send({ type: "clearCategory", tabId, category });
            const name = t(messageKey("category", category));
            const done = t("clearDone", name, report.removed.length, report.failed.length);
            const failed = report.failed.map((f) => `${f.item.name} (${f.reason})`).join(", ");
            return failed ? `${done} ${t("failedItems", failed)}` : done;
          }),
        onBlock: (category, blocked) =>
          run(async () => {
            const { blocking } = await send({ type: "setBlock", site, category, blocked });
            return t("blockDone", blockedText(blocking.blocked));
          }),
        onBlockAll: () =>
          run(async () => {
            const { blocking } = await send({ type: "blockAllNonEssential", site });
            return t("blockDone", blockedText(blocking.blocked));
          }),
        onExport: (format) =>
          void send({ type: "exportInventory", tabId, format }).then(({ file }) =>
            download(file.filename, file.mime, file.text),
          ),
      }}
    />
  );
}
