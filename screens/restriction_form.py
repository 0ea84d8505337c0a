"""The restriction form: a measure against the buyer or the seller with its full statement of
reasons (DSA Art. 17). The service refuses, naming the part, when any of the six is missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select

from console.i18n import N_, _
from console.text import sanitize
from screens.resolution_forms import Act, FormProblem, ResolutionForm, _label

if TYPE_CHECKING:
    from console.disputes.outcome import ActionResult


def _choice(select: Select[Any]) -> Any:
    value = select.value
    return None if value is Select.NULL else value


class RestrictionForm(ResolutionForm):
    """Restrict, suspend or terminate an account, remove a listing or hold payouts."""

    title_text = N_("Restriction with its statement of reasons")

    def intro(self) -> str:
        return _(
            "All six parts of the statement of reasons are required; a termination waits "
            "for a second Trust & Safety person."
        )

    def fields(self) -> ComposeResult:
        from console.disputes.restrictions import AUTOMATED_DECISIONS, GROUNDS, SOURCES
        from console.disputes.vocabulary import allowed
        from models.enums import RestrictionMeasure

        case = self.case
        yield _label(_("Account"))
        yield Select(
            [
                (
                    _("the seller, {name}").format(name=sanitize(case.seller.display_name)),
                    case.seller.account_id,
                ),
                (
                    _("the buyer, {name}").format(name=sanitize(case.buyer.display_name)),
                    case.buyer.account_id,
                ),
            ],
            value=case.seller.account_id,
            allow_blank=False,
            id="account",
        )
        yield _label(_("1. Measure"))
        yield Select(
            [(m.value.replace("_", " "), m.value) for m in RestrictionMeasure], id="measure"
        )
        yield _label(_("1. Territorial scope (EU/EEA country codes, e.g. NL, FR)"))
        yield Input(id="scope")
        yield _label(_("1. Duration: ends on (YYYY-MM-DD), or tick indefinite"))
        yield Input(placeholder="2027-01-31", id="until")
        yield Checkbox(_("Indefinite"), id="indefinite")
        yield _label(_("Listing number (for a listing removal)"))
        yield Input(id="lot")
        yield _label(_("2. Facts and circumstances"))
        yield Input(id="facts")
        yield _label(_("2. Source"))
        yield Select([(s.replace("_", " "), s) for s in SOURCES], id="source")
        yield _label(_("3. Automated detection"))
        yield Select([(_("yes"), "yes"), (_("no"), "no")], id="automated-detection")
        yield _label(_("3. Automated decision"))
        yield Select(
            [(a.replace("_", " "), a) for a in AUTOMATED_DECISIONS], id="automated-decision"
        )
        yield _label(_("4/5. Ground"))
        yield Select([(g.replace("_", " "), g) for g in GROUNDS], id="ground")
        yield _label(_("4. Legal ground (illegal content)"))
        yield Input(id="legal-ground")
        yield _label(_("4. Why the content is illegal"))
        yield Input(id="illegality")
        yield _label(_("5. Clause of the terms (breach of the terms)"))
        yield Input(id="clause")
        yield _label(_("5. Why the clause is breached"))
        yield Input(id="breach")
        yield _label(_("6. Redress open to the user"))
        yield Checkbox(
            _("Internal complaint (free, at least 6 months)"), True, id="internal_complaint"
        )
        yield Checkbox(_("Out-of-court settlement by a certified body"), True, id="out_of_court")
        yield Checkbox(_("The courts"), True, id="courts")
        yield _label(_("DSA statement category"))
        categories = sorted(allowed("STATEMENT_CATEGORIES"))
        yield Select(
            [
                (c.removeprefix("STATEMENT_CATEGORY_").replace("_", " ").lower(), c)
                for c in categories
            ],
            id="category",
        )
        yield Checkbox(_("A suspension for misuse (needs an earlier warning)"), id="misuse")

    def build(self) -> Act:
        from console.disputes.restrictions import REDRESS, StatementOfReasons, restrict
        from console.errors import GuichetError
        from console.instants import parse_instant

        until = self.value("#until").strip()
        try:
            ends_at = parse_instant(until, _("Until"), dates=True) if until else None
        except GuichetError as error:
            raise FormProblem(error.message) from None
        lot = self.value("#lot").strip()
        if lot and not lot.isdigit():
            raise FormProblem(_("The listing number is a whole number, such as 42."))
        detection = _choice(self.query_one("#automated-detection", Select))
        sor = StatementOfReasons(
            account_id=int(self.query_one("#account", Select).value),  # type: ignore[arg-type]
            measure=_choice(self.query_one("#measure", Select)) or "",
            territorial_scope=[
                code.strip().upper() for code in self.value("#scope").split(",") if code.strip()
            ],
            ends_at=ends_at,
            indefinite=self.query_one("#indefinite", Checkbox).value,
            facts=self.value("#facts"),
            source=_choice(self.query_one("#source", Select)) or "",
            automated_detection=None if detection is None else detection == "yes",
            automated_decision=_choice(self.query_one("#automated-decision", Select)),
            ground=_choice(self.query_one("#ground", Select)) or "",
            legal_ground=self.value("#legal-ground"),
            illegality_explanation=self.value("#illegality"),
            terms_clause=self.value("#clause"),
            incompatibility_explanation=self.value("#breach"),
            redress=[r for r in REDRESS if self.query_one(f"#{r}", Checkbox).value],
            category=_choice(self.query_one("#category", Select)) or "",
            lot_id=int(lot) if lot else None,
            dispute_id=self.case.id,
            misuse=self.query_one("#misuse", Checkbox).value,
        )
        agent, now = self.agent, self.now()
        return lambda store: restrict(store, agent, sor, now=now)

    def done(self, result: ActionResult) -> str:
        return _("Restriction {id} applied.").format(id=result.subject_id)
