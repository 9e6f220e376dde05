// Pairing and twinning: cities and external partners that share the open plan's priorities,
// each with its score and the reasons behind it (the core's), and the pairings the city agreed.
import { api } from "../api";
import { t } from "../i18n";
import type { Suggestion } from "../api/bindings/Suggestion";
import { promptDialog } from "../components/dialog";
import { toast } from "../components/toast";
import { h } from "../dom";
import { go, type Screen } from "../router";
import { session } from "../stores/session";
import { PARTNER_KINDS } from "./projectEditor";

export async function pairingScreen(): Promise<Screen> {
  const overview = session.overview;
  if (!overview) throw new Error("a plan is open");
  const plan = overview.plan;
  const [suggestions, agreed] = await Promise.all([api.pairingSuggestions(overview.city.id), api.listPairings(plan.id)]);
  const isAgreed = (s: Suggestion) => agreed.some((a) => a.kind === s.kind && a.counterpart === s.counterpart);

  const agree = async (s: Suggestion) => {
    const note = await promptDialog({
      title: t("pairing.pairWith", { counterpart: s.counterpart }),
      message: t("pairing.recordThisPairingAsAgreed"),
      placeholder: t("pairing.eGTwinningOnFlood"),
      confirm: t("pairing.recordThePairing"),
    });
    if (note === null) return;
    await api.agreePairing(plan.id, { kind: s.kind, counterpart: s.counterpart, score: s.score, reasons: s.reasons, note });
    toast(t("pairing.pairingWithRecorded", { counterpart: s.counterpart }));
    await go({ name: "pairing" });
  };

  const el = h(
    "div",
    { class: "screen pairing", "data-testid": "pairing" },
    h("div", { class: "screen-head" }, h("h1", {}, t("pairing.pairingAndTwinning"))),
    h(
      "p",
      { class: "hint" },
      t("pairing.otherCitiesWithPlansIn"),
    ),
    h("h2", {}, t("pairing.agreed")),
    agreed.length === 0
      ? h("p", { class: "hint", "data-testid": "pairings-none" }, t("pairing.noPairingRecordedYet"))
      : h(
          "ul",
          { class: "pairings", "data-testid": "pairings" },
          agreed.map((p) =>
            h(
              "li",
              { "data-testid": "pairing-agreed" },
              h("strong", {}, p.counterpart),
              ` (${t("pairing.kindScore", { kind: p.kind === "city" ? t("pairing.city") : t("pairing.partner"), score: p.score })}) `,
              p.note && h("span", {}, `— ${p.note} `),
              h("span", { class: "hint" }, p.agreed_at),
              h(
                "button",
                {
                  class: "link",
                  onclick: async () => {
                    await api.removePairing(p.id);
                    await go({ name: "pairing" });
                  },
                },
                t("pairing.remove"),
              ),
            ),
          ),
        ),
    h("h2", {}, t("pairing.suggested")),
    suggestions.length === 0
      ? h("p", { class: "empty" }, t("pairing.noOtherCitySPlan"))
      : h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { class: "grid", "data-testid": "suggestions" },
            h("thead", {}, h("tr", {}, [t("pairing.score"), t("pairing.counterpart"), t("pairing.why"), ""].map((t) => h("th", {}, t)))),
            h(
              "tbody",
              {},
              suggestions.map((s) =>
                h(
                  "tr",
                  { "data-testid": "suggestion" },
                  h("td", { class: "num" }, h("span", { class: "score" }, String(s.score))),
                  h(
                    "td",
                    {},
                    h("strong", {}, s.counterpart),
                    h(
                      "div",
                      { class: "hint" },
                      s.kind === "city" ? t("pairing.city", { value: s.country ?? "" }) : `${PARTNER_KINDS.find((k) => k.value === s.partner_kind)?.label ?? t("pairing.aPartner")}${s.country ? ` · ${s.country}` : ""}`,
                    ),
                  ),
                  h("td", {}, h("ul", { class: "reasons" }, s.reasons.map((r) => h("li", {}, r)))),
                  h(
                    "td",
                    {},
                    isAgreed(s)
                      ? h("span", { class: "badge badge-ok" }, t("pairing.agreed"))
                      : h("button", { "data-testid": "agree-pairing", onclick: () => void agree(s) }, t("pairing.agree")),
                  ),
                ),
              ),
            ),
          ),
        ),
  );
  return { el };
}
