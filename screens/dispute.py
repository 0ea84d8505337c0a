"""One dispute as the reviewer sees it: both parties, the order and its money, one timeline,
the evidence, Trust & Safety's advice, the checklist and the reasoning; every resolution on a key.

The screen asks `console.disputes` for everything, in thread workers, and shows the answers:
`load_dispute` for the case, `add_evidence`, `add_note` and `set_reasoning` for the reviewer's
additions, and the resolution forms (`screens.resolution_forms`) for the decisions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from console.i18n import N_, _
from console.text import sanitize
from screens.background import background
from screens.commands import PaletteCommand
from screens.signed_in import SignedIn
from screens.ticket_dialogs import ChoiceScreen, PromptScreen, whole_number
from screens.widgets.agent_header import AgentHeader
from screens.widgets.key_bar import KeyBar
from screens.widgets.ticket_panels import SidePanel

if TYPE_CHECKING:
    from datetime import datetime

    from console.disputes.case import DisputeCase, PartyView
    from models.money import Money


class DisputeScreen(SignedIn, Screen[None]):
    """The dispute `dispute_id`, for review and resolution."""

    CSS_PATH = "dispute.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "partial_refund", N_("Partial refund"), id="dispute.partial-refund"),
        Binding("f", "full_refund", N_("Full refund"), id="dispute.full-refund"),
        Binding("c", "cancel_order", N_("Cancel order"), id="dispute.cancel-order"),
        Binding("x", "reject_claim", N_("Reject claim"), id="dispute.reject-claim"),
        Binding("r", "restrict", N_("Restrict"), id="dispute.restrict"),
        Binding("t", "report", N_("Report"), id="dispute.report"),
        Binding("e", "add_evidence", N_("Evidence"), id="dispute.evidence"),
        Binding("n", "add_note", N_("Note"), id="dispute.note"),
        Binding("w", "reasoning", N_("Reasoning"), id="dispute.reasoning"),
        Binding("escape", "back", N_("Back"), id="dispute.back"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `p` | Partial refund (amount in the payment's currency). |
    | `f` | Full refund of what remains refundable. |
    | `c` | Cancel the order, saying who bears the cost. |
    | `x` | Reject the buyer's claim. |
    | `r` | Restrict, suspend or terminate an account, remove a listing, hold payouts. |
    | `t` | Report to the authorities with the evidence pack. |
    | `e` | Add evidence from a file (its SHA-256 is kept). |
    | `n` | Add a note (Trust & Safety: advice). |
    | `w` | Write the reviewer's reasoning. |
    | `escape` | Back. |
    """

    class Loaded(Message):
        """The case as the worker read it."""

        def __init__(self, case: DisputeCase) -> None:
            super().__init__()
            self.case = case

    class ActionDone(Message):
        """A service call succeeded; `notice` says what happened."""

        def __init__(self, notice: str) -> None:
            super().__init__()
            self.notice = notice

    class ActionFailed(Message):
        """A service refused or could not find something; `message` is its sentence."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self, dispute_id: int) -> None:
        super().__init__()
        self.dispute_id = dispute_id
        """The dispute shown."""
        self.case: DisputeCase | None = None
        """The case as last read."""

    # --- layout and loading ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield AgentHeader()
        with VerticalScroll(id="dispute-body"):
            yield Static("", id="dispute-title")
            yield Static("", id="dispute-state")
            with Horizontal(id="dispute-parties"):
                yield SidePanel(id="buyer-panel", classes="party")
                yield SidePanel(id="seller-panel", classes="party")
            with Horizontal(id="dispute-order-row"):
                yield SidePanel(id="order-panel", classes="half")
                yield SidePanel(id="payment-panel", classes="half")
            yield Static("", id="dispute-talked")
            yield SidePanel(id="timeline-panel")
            yield SidePanel(id="evidence-panel")
            yield SidePanel(id="notes-panel")
            yield SidePanel(id="actions-panel")
            yield SidePanel(id="checklist-panel")
            yield SidePanel(id="reasoning-panel")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(AgentHeader).show_right(_("dispute #{id}").format(id=self.dispute_id))
        self.query_one("#dispute-body").focus()
        self.reload()

    def now(self) -> datetime:
        """The console's clock (tests pin it)."""
        now: datetime = self.app.clock()  # type: ignore[attr-defined]
        return now

    def reload(self) -> None:
        """Read the case again."""
        self._load(self.now())

    @background(group="dispute-load", exclusive=True)
    def _load(self, now: datetime) -> None:
        from console.disputes.case import load_dispute
        from console.errors import GuichetError
        from console.permissions import Action, require

        try:
            require(self.agent, Action.DISPUTE_RESOLVE)
            self.post_message(self.Loaded(load_dispute(self.store, self.dispute_id, now=now)))
        except GuichetError as error:
            self.post_message(self.ActionFailed(error.message))

    # --- showing the case --------------------------------------------------------------------

    def when(self, at: datetime | None) -> str:
        """An instant in the agent's zone and language ("—" for none)."""
        from console.formatting import format_instant

        if at is None:
            return "—"
        agent = self.agent
        return str(format_instant(at, agent.timezone, agent.ui_language, style="short"))

    def money(self, amount: Money) -> str:
        """An amount in the agent's locale."""
        from console.formatting import format_money

        return format_money(amount, self.agent.ui_language)

    @on(Loaded)
    def _show(self, event: Loaded) -> None:
        case = self.case = event.case
        title = Text(_("Dispute #{id}").format(id=case.id), style="bold")
        title.append(f" · {_kind_label(case.kind)} · ")
        title.append(sanitize(case.lot_title))
        self.query_one("#dispute-title", Static).update(title)
        self.query_one("#dispute-state", Static).update(self._state_line(case))
        self._show_party("#buyer-panel", _("Buyer"), case.buyer)
        self._show_party("#seller-panel", _("Seller"), case.seller)
        self._show_order(case)
        self._show_payment(case)
        talked = self.query_one("#dispute-talked", Static)
        if case.parties_talked_first:
            talked.update(Text(_("The parties talked to each other before escalating.")))
        else:
            talked.update(Text(_("The parties did NOT talk to each other before escalating.")))
        talked.set_class(not case.parties_talked_first, "-attention")
        self._show_timeline(case)
        self._show_evidence(case)
        self._show_notes(case)
        self._show_actions(case)
        self._show_checklist(case)
        reasoning = self.query_one("#reasoning-panel", SidePanel)
        reasoning.border_title = _("Reasoning (w to edit)")
        reasoning.update(
            Text(sanitize(case.reasoning))
            if case.reasoning.strip()
            else Text(_("No reasoning written yet."), style="dim")
        )

    def _state_line(self, case: DisputeCase) -> Text:
        line = Text()
        line.append(_("State: "), style="dim")
        line.append(case.state_label, style="bold")
        if case.reviewer:
            line.append(" · " + _("reviewer {handle}").format(handle=sanitize(case.reviewer)))
        if case.waiting_on and case.due_at is not None:
            line.append(" · ")
            line.append(
                _("{party} must act by {when}").format(
                    party=_party_label(case.waiting_on), when=self.when(case.due_at)
                ),
                style="bold" if case.overdue else "",
            )
        elif case.due_at is not None:
            line.append(" · " + _("clock runs out {when}").format(when=self.when(case.due_at)))
        if case.due_at is not None and case.on_expiry:
            line.append(" " + _("(then: {what})").format(what=case.on_expiry))
        if case.overdue:
            line.append(" · " + _("OVERDUE"), style="bold reverse")
        line.append(" · " + _("now {when}").format(when=self.when(self.now())), style="dim")
        return line

    def _show_party(self, selector: str, title: str, party: PartyView) -> None:
        panel = self.query_one(selector, SidePanel)
        panel.border_title = title
        text = Text()
        text.append(sanitize(party.display_name), style="bold")
        text.append(f" (@{sanitize(party.username)})\n")
        _row(text, _("Account"), _("Pro") if party.kind == "pro" else _("private"))
        _row(text, _("Country · language"), f"{party.country} · {party.language}")
        _row(text, _("Account age"), _("{days} days").format(days=party.account_age_days))
        _row(text, _("Status"), party.status)
        _row(
            text,
            _("Past disputes · restrictions"),
            f"{party.past_disputes} · {party.past_restrictions}",
        )
        _row(
            text,
            _("Must act by"),
            self.when(party.must_act_by) if party.must_act_by else _("nothing asked"),
        )
        text.append(_("Claims:") + "\n", style="dim")
        text.append(sanitize(party.claim) if party.claim.strip() else "—")
        panel.update(text)

    def _show_order(self, case: DisputeCase) -> None:
        panel = self.query_one("#order-panel", SidePanel)
        panel.border_title = _("Order")
        text = Text()
        text.append(sanitize(case.order_reference), style="bold")
        text.append(f" · {case.order_status}\n")
        _row(text, _("Object"), sanitize(case.lot_title))
        _row(text, _("Price"), self.money(case.price))
        if case.shipment is None:
            _row(text, _("Shipment"), _("not shipped"))
        else:
            shipment = case.shipment
            _row(text, _("Carrier"), sanitize(str(shipment.get("carrier") or "—")))
            _row(text, _("Tracking"), sanitize(str(shipment.get("tracking_number") or "—")))
            _row(text, _("Shipped"), self.when(shipment.get("shipped_at")))
            _row(text, _("Delivered"), self.when(shipment.get("delivered_at")))
        _row(text, _("Report by"), self.when(case.report_deadline))
        text.rstrip()
        panel.update(text)

    def _show_payment(self, case: DisputeCase) -> None:
        panel = self.query_one("#payment-panel", SidePanel)
        panel.border_title = _("Payment")
        text = Text()
        payment = case.payment
        if payment is None:
            text.append(_("No captured payment."), style="dim")
        else:
            _row(text, _("Captured"), self.money(payment.captured))
            _row(text, _("Refunded so far"), self.money(payment.refunded))
            _row(text, _("Refundable"), self.money(payment.refundable))
            _row(
                text,
                _("Chargeback"),
                Text(_("OPEN"), style="bold") if payment.chargeback_open else Text(_("none")),
            )
            _row(text, _("Provider ref."), sanitize(payment.provider_reference))
        text.rstrip()
        panel.set_class(payment is not None and payment.chargeback_open, "-attention")
        panel.update(text)

    def _show_timeline(self, case: DisputeCase) -> None:
        panel = self.query_one("#timeline-panel", SidePanel)
        panel.border_title = _("Timeline")
        text = Text()
        for entry in case.timeline:
            text.append(self.when(entry.at), style="dim")
            text.append(f"  {entry.kind}  ", style="dim")
            text.append(sanitize(entry.who), style="bold")
            text.append("  ")
            text.append(sanitize(entry.text))
            text.append("\n")
        if not case.timeline:
            text.append(_("Nothing happened yet."), style="dim")
        text.rstrip()
        panel.update(text)

    def _show_evidence(self, case: DisputeCase) -> None:
        panel = self.query_one("#evidence-panel", SidePanel)
        panel.border_title = _("Evidence (e to add)")
        text = Text()
        for item in case.evidence:
            text.append(f"#{item.id} {item.kind}", style="bold")
            text.append(" · ")
            text.append(sanitize(item.filename or "—"))
            text.append(
                " · "
                + _("{size} bytes, added by {who} at {when}").format(
                    size=item.size_bytes,
                    who=sanitize(item.added_by or "?"),
                    when=self.when(item.added_at),
                )
                + "\n"
            )
            text.append(f"  SHA-256 {item.sha256}\n", style="dim")
            if item.description.strip():
                text.append("  ")
                text.append(sanitize(item.description))
                text.append("\n")
        if not case.evidence:
            text.append(_("No evidence yet."), style="dim")
        text.rstrip()
        panel.update(text)

    def _show_notes(self, case: DisputeCase) -> None:
        panel = self.query_one("#notes-panel", SidePanel)
        panel.border_title = _("Trust & Safety advice and notes")
        text = Text()
        for note in case.notes:
            label = _("ADVICE (Trust & Safety)") if note.kind == "advice" else _("note")
            text.append(label, style="bold" if note.kind == "advice" else "dim")
            text.append(f" · {sanitize(note.author)} · {self.when(note.created_at)}\n", style="dim")
            text.append(sanitize(note.body))
            text.append("\n")
        if not case.notes:
            text.append(_("No advice or notes yet."), style="dim")
        text.rstrip()
        panel.update(text)

    def _show_actions(self, case: DisputeCase) -> None:
        panel = self.query_one("#actions-panel", SidePanel)
        panel.border_title = _("Actions taken")
        panel.display = bool(case.actions)
        text = Text()
        for action in case.actions:
            text.append(f"{action.kind} · {action.state}", style="bold")
            if action.amount is not None and action.amount.amount_minor:
                text.append(f" · {self.money(action.amount)}")
            text.append(f" · {self.when(action.at)}\n", style="dim")
            if action.reason.strip():
                text.append("  ")
                text.append(sanitize(action.reason))
                text.append("\n")
        text.rstrip()
        panel.update(text)

    def _show_checklist(self, case: DisputeCase) -> None:
        panel = self.query_one("#checklist-panel", SidePanel)
        panel.border_title = _("Policy checklist ({kind})").format(kind=_kind_label(case.kind))
        panel.update(Text("\n".join(f"☐ {item}" for item in case.checklist)))

    # --- running actions ---------------------------------------------------------------------

    def run_service(self, call: Callable[[], Any], notice: str) -> None:
        """Call a console service in a worker, then tell and reload (or show its refusal)."""
        self._act(call, notice)

    @background(group="dispute-action")
    def _act(self, call: Callable[[], Any], notice: str) -> None:
        from console.errors import GuichetError

        try:
            call()
        except GuichetError as error:
            self.post_message(self.ActionFailed(error.message))
            return
        self.post_message(self.ActionDone(notice))

    @on(ActionDone)
    def _done(self, event: ActionDone) -> None:
        self.notify(event.notice)
        self.reload()

    @on(ActionFailed)
    def _failed(self, event: ActionFailed) -> None:
        self.notify(event.message, severity="error", timeout=8)
        if self.case is None:  # the dispute itself could not be opened
            self.action_back()

    def _open_form(self, form_class: Any) -> None:
        if self.case is None:
            return

        def finished(notice: str | None) -> None:
            if notice:
                self.notify(notice)
            self.reload()

        self.app.push_screen(form_class(self.case), finished)

    # --- the keys ------------------------------------------------------------------------------

    def action_partial_refund(self) -> None:
        """The partial refund form."""
        from screens.resolution_forms import PartialRefundForm

        self._open_form(PartialRefundForm)

    def action_full_refund(self) -> None:
        """The full refund form."""
        from screens.resolution_forms import FullRefundForm

        self._open_form(FullRefundForm)

    def action_cancel_order(self) -> None:
        """The order cancellation form."""
        from screens.resolution_forms import CancelOrderForm

        self._open_form(CancelOrderForm)

    def action_reject_claim(self) -> None:
        """The form rejecting the buyer's claim."""
        from screens.resolution_forms import RejectClaimForm

        self._open_form(RejectClaimForm)

    def action_restrict(self) -> None:
        """The restriction form with its statement of reasons."""
        from screens.restriction_form import RestrictionForm

        self._open_form(RestrictionForm)

    def action_report(self) -> None:
        """The report to the authorities."""
        from screens.resolution_forms import ReportForm

        self._open_form(ReportForm)

    def action_add_evidence(self) -> None:
        """Ask for a file path and the kind of evidence, then add it (hash and size kept)."""
        from models.enums import EvidenceKind

        def described(path: str, kind: str, description: str | None) -> None:
            from console.disputes.case import add_evidence

            store, agent, dispute_id, now = self.store, self.agent, self.dispute_id, self.now()
            self.run_service(
                lambda: add_evidence(
                    store, agent, dispute_id, path, kind, description or "", now=now
                ),
                _("Evidence added."),
            )

        def kind_chosen(path: str, kind: str | None) -> None:
            if kind is None:
                return
            self.app.push_screen(
                PromptScreen(_("Describe the evidence (optional), then Enter")),
                lambda description: described(path, kind, description),
            )

        def path_typed(path: str | None) -> None:
            if not path:
                return
            options = [(kind.value.replace("_", " "), kind.value) for kind in EvidenceKind]
            self.app.push_screen(
                ChoiceScreen(_("What kind of evidence is it?"), options),
                lambda kind: kind_chosen(path, kind),
            )

        self.app.push_screen(
            PromptScreen(_("Add evidence from which file?"), placeholder="/path/to/file"),
            path_typed,
        )

    def action_add_note(self) -> None:
        """Add a note; Trust & Safety's notes are advice."""
        from models.enums import Role

        kind = "advice" if self.agent.role == Role.TRUST_SAFETY else "note"
        title = _("Your advice on the case") if kind == "advice" else _("Your note on the case")

        def typed(body: str | None) -> None:
            from console.disputes.case import add_note

            if not body:
                return
            store, agent, dispute_id, now = self.store, self.agent, self.dispute_id, self.now()
            self.run_service(
                lambda: add_note(store, agent, dispute_id, body, kind=kind, now=now),
                _("Advice added.") if kind == "advice" else _("Note added."),
            )

        self.app.push_screen(PromptScreen(title), typed)

    def action_reasoning(self) -> None:
        """Edit the reviewer's reasoning."""
        from screens.resolution_forms import ReasoningEditor

        if self.case is None:
            return

        def edited(text: str | None) -> None:
            from console.disputes.case import set_reasoning

            if text is None:
                return
            store, agent, dispute_id, now = self.store, self.agent, self.dispute_id, self.now()
            self.run_service(
                lambda: set_reasoning(store, agent, dispute_id, text, now=now),
                _("Reasoning saved."),
            )

        self.app.push_screen(ReasoningEditor(self.case.reasoning), edited)

    def action_back(self) -> None:
        """Back to where the dispute was opened from."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def palette_commands(self) -> list[PaletteCommand]:
        """The dispute's actions for the command palette."""
        return [
            PaletteCommand(_("Partial refund"), _("An amount"), self.action_partial_refund),
            PaletteCommand(_("Full refund"), _("What remains"), self.action_full_refund),
            PaletteCommand(
                _("Cancel the order"), _("Who bears the cost"), self.action_cancel_order
            ),
            PaletteCommand(_("Reject the claim"), _("With reasons"), self.action_reject_claim),
            PaletteCommand(
                _("Restrict an account or listing"),
                _("With the statement of reasons"),
                self.action_restrict,
            ),
            PaletteCommand(_("Report to the authorities"), _("Evidence pack"), self.action_report),
            PaletteCommand(_("Add evidence"), _("From a file"), self.action_add_evidence),
            PaletteCommand(_("Add a note"), _("Or advice"), self.action_add_note),
            PaletteCommand(_("Write the reasoning"), _("Why"), self.action_reasoning),
        ]


def _row(text: Text, label: str, value: str | Text) -> None:
    text.append(f"{label}: ", style="dim")
    text.append(value if isinstance(value, Text) else Text(value))
    text.append("\n")


def _kind_label(kind: str) -> str:
    from console.tickets import DISPUTE_KIND_LABELS, label

    return label(DISPUTE_KIND_LABELS, kind)


def _party_label(party: str) -> str:
    return {"buyer": _("the buyer"), "seller": _("the seller")}.get(party, party)


def ask_and_open_dispute(app: App[Any]) -> None:
    """Ask for a dispute number, then open that dispute over the current screen."""

    def typed(number: str | None) -> None:
        if number:
            app.push_screen(DisputeScreen(int(number)))

    app.push_screen(
        PromptScreen(_("Open which dispute?"), placeholder="42", validate=whole_number), typed
    )
