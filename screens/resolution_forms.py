"""The resolution forms of the dispute screen: each shows a preview of exactly what will happen,
then asks for confirmation before calling the console service.

The preview is the service itself run with nothing kept (`console.disputes.preview.dry_run`):
its guards refuse with their own sentence, shown in the form, and its effects and the messages
each party would receive (in their language) are shown as they would be written.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, SelectionList, Static, TextArea

from console.i18n import N_, LazyString, _
from console.text import sanitize
from screens.background import background
from screens.signed_in import SignedIn

if TYPE_CHECKING:
    from console.disputes.case import DisputeCase
    from console.disputes.outcome import ActionResult
    from console.disputes.preview import Preview
    from console.store import Store
    from models.money import Money

Act = Callable[["Store"], "ActionResult"]

FORM_CSS = """
    align: center middle;
    & > Vertical {
        width: 90%;
        max-width: 110;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    & .dialog-title { text-style: bold; }
    & .dialog-hint { color: $text-muted; padding: 0 0 1 0; }
    & .field-label { color: $text-muted; padding: 1 0 0 0; }
    & VerticalScroll { height: auto; max-height: 30; }
    & #form-error { color: $text-error; height: auto; }
    & Horizontal { height: auto; align: right middle; }
    & Button { margin: 0 0 0 2; }
    & TextArea { height: 8; }
    & SelectionList { height: auto; max-height: 8; }
"""


class FormProblem(Exception):
    """A value the form itself cannot read (e.g. an amount); `message` says how to fix it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PreviewScreen(ModalScreen[bool]):
    """What will happen, and a last Yes or No."""

    DEFAULT_CSS = "PreviewScreen {" + FORM_CSS + "}"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Confirm"), id="preview.confirm"),
        Binding("n,escape", "answer(False)", N_("Back"), id="preview.back"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `y` | Confirm: carry it out. |
    | `n`, `escape` | Back to the form; nothing is written. |
    """

    def __init__(self, title: str, body: Text) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        """The preview, as shown."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="dialog-title")
            with VerticalScroll():
                yield Static(self.body, id="preview-body")
            with Horizontal():
                yield Button(_("Back (n)"), id="no")
                yield Button(_("Confirm (y)"), id="yes", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        """Answer."""
        self.dismiss(yes)


class ResolutionForm(SignedIn, ModalScreen[str | None]):
    """A form for one action; dismisses with what was done, or None when cancelled."""

    DEFAULT_CSS = "ResolutionForm {" + FORM_CSS + "}"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "review", N_("Preview"), id="form.review"),
        Binding("escape", "cancel", N_("Cancel"), id="form.cancel"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `ctrl+s` | Preview what will happen, then confirm. |
    | `escape` | Cancel; nothing is written. |
    """

    class PreviewReady(Message):
        """The dry run's answer."""

        def __init__(self, preview: Preview, act: Act) -> None:
            super().__init__()
            self.preview = preview
            self.act = act

    class Committed(Message):
        """The service carried the action out (or asked for approval)."""

        def __init__(self, result: ActionResult) -> None:
            super().__init__()
            self.result = result

    class Failed(Message):
        """The service refused when confirmed (something changed since the preview)."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    title_text: ClassVar[str | LazyString] = ""
    """The form's title."""

    def __init__(self, case: DisputeCase) -> None:
        super().__init__()
        self.case = case
        """The dispute the action is about."""

    # --- what each form says -------------------------------------------------------------

    def intro(self) -> str:
        """A line under the title."""
        return ""

    def fields(self) -> ComposeResult:
        """The form's inputs."""
        yield from ()

    def build(self) -> Act:
        """The service call of the form's values; `FormProblem` for a value it cannot read."""
        raise NotImplementedError

    def done(self, result: ActionResult) -> str:
        """What to tell the agent once carried out."""
        return _("Done.")

    def summary(self, preview: Preview) -> list[str]:
        """The lines of "what will happen" that are the form's own."""
        return []

    # --- the flow ------------------------------------------------------------------------

    def now(self) -> Any:
        """The console's clock."""
        return self.app.clock()  # type: ignore[attr-defined]

    def money(self, amount: Money) -> str:
        """An amount in the agent's locale."""
        from console.formatting import format_money

        return format_money(amount, self.agent.ui_language)

    def value(self, selector: str) -> str:
        """The text of an input."""
        return self.query_one(selector, Input).value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(str(self.title_text)), classes="dialog-title")
            intro = self.intro()
            if intro:
                yield Static(Text(intro), classes="dialog-hint")
            with VerticalScroll(id="form-fields"):
                yield from self.fields()
            yield Static("", id="form-error")
            with Horizontal():
                yield Button(_("Cancel (esc)"), id="cancel")
                yield Button(_("Preview (ctrl+s)"), id="review", variant="primary")

    def on_mount(self) -> None:
        self.focus_next()

    def show_error(self, message: str) -> None:
        """Show a refusal or a problem under the fields (plain text)."""
        self.query_one("#form-error", Static).update(Text(message))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close the form; nothing is written."""
        self.dismiss(None)

    @on(Button.Pressed, "#review")
    def action_review(self) -> None:
        """Read the form, then preview what the service would do."""
        try:
            act = self.build()
        except FormProblem as problem:
            self.show_error(problem.message)
            return
        self.show_error("")
        self._preview(act)

    @background(group="form-preview", exclusive=True)
    def _preview(self, act: Act) -> None:
        from console.disputes.preview import dry_run

        self.post_message(self.PreviewReady(dry_run(self.store, act), act))

    @on(PreviewReady)
    def _confirm(self, event: PreviewReady) -> None:
        if event.preview.refusal is not None:
            self.show_error(event.preview.refusal)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._commit(event.act)

        body = describe(event.preview, self.case, self.summary(event.preview), self.money)
        self.app.push_screen(PreviewScreen(str(self.title_text), body), answered)

    @background(group="form-commit", exclusive=True)
    def _commit(self, act: Act) -> None:
        from console.errors import GuichetError

        try:
            result = act(self.store)
        except GuichetError as error:
            self.post_message(self.Failed(error.message))
            return
        self.post_message(self.Committed(result))

    @on(Committed)
    def _committed(self, event: Committed) -> None:
        result = event.result
        if result.state == "pending_approval":
            self.dismiss(
                _("Waits for a second person's approval (approval {id}).").format(
                    id=result.approval_id
                )
            )
        else:
            self.dismiss(self.done(result))

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        self.show_error(event.message)


# --- the preview ---------------------------------------------------------------------------


def describe(
    preview: Preview, case: DisputeCase, summary: list[str], money: Callable[[Money], str]
) -> Text:
    """The preview for people: what happens, what needs approval, what each party is told."""
    from models.money import Money

    text = Text()
    text.append(_("What will happen") + "\n", style="bold")
    lines = list(summary)
    for effect in preview.effects:
        payload = effect.payload
        if effect.kind == "refund.payout":
            amount = Money(payload["amount"]["amount_minor"], payload["amount"]["currency"])
            lines.append(
                _("{amount} is paid back to the buyer through payment {ref}.").format(
                    amount=money(amount), ref=sanitize(str(payload.get("payment_reference")))
                )
            )
        elif effect.kind == "order.cancel":
            lines.append(
                _("Order {order} is cancelled at the order system; {who} bears the cost.").format(
                    order=sanitize(str(payload.get("order"))), who=payload.get("cost_borne_by")
                )
            )
        elif effect.kind == "payout.hold":
            lines.append(
                _("The payouts of account {account} are held.").format(
                    account=payload.get("account_id")
                )
            )
        elif effect.kind == "authority.report":
            lines.append(_("The report and its evidence pack are sent to the authorities."))
    if "restriction.applied" in preview.audit_actions:
        lines.append(_("The measure takes effect now."))
    if "dispute.state_changed" in preview.audit_actions and not preview.needs_approval:
        lines.append(_("The dispute is decided; the parties may appeal within the window."))
    if preview.needs_approval:
        lines.append(
            _(
                "Needs approval by a second person: nothing is paid, applied or sent until "
                "then, and the parties are told once it is approved."
            )
        )
    for line in lines:
        text.append(f"• {line}\n")
    names = {
        case.buyer.account_id: (_("the buyer"), case.buyer.display_name),
        case.seller.account_id: (_("the seller"), case.seller.display_name),
    }
    for notice in preview.notices:
        party, name = names.get(int(notice.get("account_id") or 0), (_("the user"), ""))
        text.append("\n")
        text.append(
            _("Message to {party}, {name} ({language}):").format(
                party=party, name=sanitize(name), language=notice.get("language")
            )
            + "\n",
            style="bold",
        )
        text.append(sanitize(str(notice.get("subject", ""))) + "\n", style="underline")
        text.append(sanitize(str(notice.get("body", ""))) + "\n")
    if not preview.notices and not preview.needs_approval:
        text.append("\n" + _("No message is sent to the parties.") + "\n", style="dim")
    text.rstrip()
    return text


# --- the forms -----------------------------------------------------------------------------


def _label(text: str) -> Static:
    return Static(Text(text), classes="field-label")


class _RefundForm(ResolutionForm):
    full = False

    def __init__(self, case: DisputeCase) -> None:
        super().__init__(case)
        self.key = f"refund-{uuid.uuid4().hex}"
        """This intent's idempotency key: confirming twice never pays twice."""

    def intro(self) -> str:
        payment = self.case.payment
        if payment is None:
            return _("The order has no captured payment.")
        return _("Captured {captured}, refunded so far {refunded}, refundable {left}.").format(
            captured=self.money(payment.captured),
            refunded=self.money(payment.refunded),
            left=self.money(payment.refundable),
        )

    def summary(self, preview: Preview) -> list[str]:
        result, payment = preview.result, self.case.payment
        if result is None or result.amount is None or payment is None:
            return []
        from models.money import Money

        after = Money(
            payment.refunded.amount_minor + result.amount.amount_minor, payment.captured.currency
        )
        return [
            _("Refund {amount} to the buyer: {after} of {captured} refunded after this.").format(
                amount=self.money(result.amount),
                after=self.money(after),
                captured=self.money(payment.captured),
            )
        ]

    def done(self, result: ActionResult) -> str:
        amount = self.money(result.amount) if result.amount else ""
        return _("Refund of {amount} paid out.").format(amount=amount)


class PartialRefundForm(_RefundForm):
    """A refund of part of the payment, typed in the payment's currency."""

    title_text = N_("Partial refund")

    def fields(self) -> ComposeResult:
        currency = self.case.payment.captured.currency if self.case.payment else ""
        yield _label(_("Amount in {currency}").format(currency=currency))
        yield Input(placeholder="12.50", id="amount")
        yield _label(_("Reason (the parties read it)"))
        yield Input(id="reason")
        yield Checkbox(_("The parties agreed to this amount"), id="agreed")

    def build(self) -> Act:
        from console.disputes.actions import refund
        from models.money import MoneyError, parse_amount

        text = self.value("#amount").strip()
        amount: Money | str = text
        if self.case.payment is not None:
            try:
                amount = parse_amount(text, self.case.payment.captured.currency)
            except MoneyError as error:
                raise FormProblem(
                    _("The amount {amount!r} cannot be used: {why}.").format(amount=text, why=error)
                ) from None
        agent, dispute_id, now, key = self.agent, self.case.id, self.now(), self.key
        reason, agreed = self.value("#reason"), self.query_one("#agreed", Checkbox).value
        return lambda store: refund(
            store, agent, dispute_id, reason=reason, amount=amount, key=key, agreed=agreed, now=now
        )


class FullRefundForm(_RefundForm):
    """A refund of everything that remains refundable."""

    title_text = N_("Full refund")

    def fields(self) -> ComposeResult:
        yield _label(_("Reason (the parties read it)"))
        yield Input(id="reason")

    def build(self) -> Act:
        from console.disputes.actions import refund

        agent, dispute_id, now, key = self.agent, self.case.id, self.now(), self.key
        reason = self.value("#reason")
        return lambda store: refund(
            store, agent, dispute_id, reason=reason, full=True, key=key, now=now
        )


class CancelOrderForm(ResolutionForm):
    """Cancel the order at the order system, saying who bears the cost."""

    title_text = N_("Cancel the order")

    def intro(self) -> str:
        return _("Order {ref} ({status}). Money moves only through refunds.").format(
            ref=sanitize(self.case.order_reference), status=self.case.order_status
        )

    def fields(self) -> ComposeResult:
        yield _label(_("Reason (the parties read it)"))
        yield Input(id="reason")
        yield _label(_("Who bears the cost"))
        yield Select(
            [
                (_("the seller"), "seller"),
                (_("the buyer"), "buyer"),
                (_("the platform"), "platform"),
            ],
            value="seller",
            allow_blank=False,
            id="cost",
        )

    def build(self) -> Act:
        from console.disputes.actions import cancel_order

        agent, dispute_id, now = self.agent, self.case.id, self.now()
        reason, cost = self.value("#reason"), str(self.query_one("#cost", Select).value)
        return lambda store: cancel_order(
            store, agent, dispute_id, reason=reason, cost_borne_by=cost, now=now
        )

    def done(self, result: ActionResult) -> str:
        return _("Order cancelled.")


class RejectClaimForm(ResolutionForm):
    """Decide against the buyer's claim, with reasons."""

    title_text = N_("Reject the buyer's claim")

    def fields(self) -> ComposeResult:
        yield _label(_("Reason (the parties read it)"))
        yield Input(id="reason")

    def build(self) -> Act:
        from console.disputes.actions import reject_claim

        agent, dispute_id, now = self.agent, self.case.id, self.now()
        reason = self.value("#reason")
        return lambda store: reject_claim(store, agent, dispute_id, reason=reason, now=now)

    def done(self, result: ActionResult) -> str:
        return _("Claim rejected.")


class ReportForm(ResolutionForm):
    """A report to the authorities: category, legal basis, summary and the evidence pack."""

    title_text = N_("Report to the authorities")

    def intro(self) -> str:
        return _("Always approved by a second Trust & Safety person before it is sent.")

    def fields(self) -> ComposeResult:
        yield _label(_("What is reported (category, e.g. counterfeit, fraud)"))
        yield Input(id="category")
        yield _label(_("Legal basis (e.g. DSA Art. 18, or the national provision)"))
        yield Input(id="legal-basis")
        yield _label(_("Summary: why the offence is suspected"))
        yield Input(id="summary")
        yield _label(_("Evidence pack (space to pick)"))
        yield SelectionList[int](
            *[
                (
                    Text(f"#{e.id} {e.kind} · {sanitize(e.filename or '—')} · {e.sha256[:12]}"),
                    e.id,
                )
                for e in self.case.evidence
            ],
            id="evidence",
        )

    def build(self) -> Act:
        from console.disputes.actions import report_to_authorities

        agent, dispute_id, now = self.agent, self.case.id, self.now()
        category, basis = self.value("#category"), self.value("#legal-basis")
        summary = self.value("#summary")
        evidence = list(self.query_one("#evidence", SelectionList).selected)
        return lambda store: report_to_authorities(
            store,
            agent,
            dispute_id,
            category=category,
            legal_basis=basis,
            summary=summary,
            evidence_ids=evidence,
            now=now,
        )

    def summary(self, preview: Preview) -> list[str]:
        picked = self.query_one("#evidence", SelectionList).selected
        return [_("A report is prepared with {count} evidence item(s).").format(count=len(picked))]


class ReasoningEditor(ModalScreen[str | None]):
    """Write the reviewer's reasoning; `ctrl+s` saves, `escape` leaves it unchanged."""

    DEFAULT_CSS = "ReasoningEditor {" + FORM_CSS + "}"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), id="reasoning.save"),
        Binding("escape", "cancel", N_("Cancel"), id="reasoning.cancel"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `ctrl+s` | Save the reasoning. |
    | `escape` | Leave it unchanged. |
    """

    def __init__(self, reasoning: str) -> None:
        super().__init__()
        self.reasoning = reasoning

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_("The reviewer's reasoning")), classes="dialog-title")
            yield TextArea(sanitize(self.reasoning), id="reasoning")
            yield Static(Text(_("ctrl+s saves, escape cancels")), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        """Save."""
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        """Leave unchanged."""
        self.dismiss(None)
