// Pairing and twinning: cities and external partners that share the open plan's priorities,
// each with its score and the reasons behind it (the core's), and the pairings the city agreed.
import { api } from "../api";
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
      title: `Pair with ${s.counterpart}`,
      message: "Record this pairing as agreed. It is shown in the plan and its exports. A note on what was agreed:",
      placeholder: "e.g. Twinning on flood sensors, MoU signed 2024",
      confirm: "Record the pairing",
    });
    if (note === null) return;
    await api.agreePairing(plan.id, { kind: s.kind, counterpart: s.counterpart, score: s.score, reasons: s.reasons, note });
    toast(`Pairing with ${s.counterpart} recorded`);
    await go({ name: "pairing" });
  };

  const el = h(
    "div",
    { class: "screen pairing", "data-testid": "pairing" },
    h("div", { class: "screen-head" }, h("h1", {}, "Pairing and twinning")),
    h(
      "p",
      { class: "hint" },
      "Other cities with plans in this workspace, and the partners of their plans, scored out of 100 on shared focus areas (40) and sectors (30), like size and country (20), and partners in common (10). Import more cities' plans to widen the choice.",
    ),
    h("h2", {}, "Agreed"),
    agreed.length === 0
      ? h("p", { class: "hint", "data-testid": "pairings-none" }, "No pairing recorded yet.")
      : h(
          "ul",
          { class: "pairings", "data-testid": "pairings" },
          agreed.map((p) =>
            h(
              "li",
              { "data-testid": "pairing-agreed" },
              h("strong", {}, p.counterpart),
              ` (${p.kind === "city" ? "city" : "partner"}, score ${p.score}) `,
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
                "Remove",
              ),
            ),
          ),
        ),
    h("h2", {}, "Suggested"),
    suggestions.length === 0
      ? h("p", { class: "empty" }, "No other city's plan shares a focus area or sector with this one yet.")
      : h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { class: "grid", "data-testid": "suggestions" },
            h("thead", {}, h("tr", {}, ["Score", "Counterpart", "Why", ""].map((t) => h("th", {}, t)))),
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
                      s.kind === "city" ? `City · ${s.country ?? ""}` : `${PARTNER_KINDS.find((k) => k.value === s.partner_kind)?.label ?? "Partner"}${s.country ? ` · ${s.country}` : ""}`,
                    ),
                  ),
                  h("td", {}, h("ul", { class: "reasons" }, s.reasons.map((r) => h("li", {}, r)))),
                  h(
                    "td",
                    {},
                    isAgreed(s)
                      ? h("span", { class: "badge badge-ok" }, "Agreed")
                      : h("button", { "data-testid": "agree-pairing", onclick: () => void agree(s) }, "Agree…"),
                  ),
                ),
              ),
            ),
          ),
        ),
  );
  return { el };
}
