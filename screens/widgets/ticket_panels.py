"""The side panels of the ticket screen: the customer, the order or object, the seller's step.

Each panel is a `Static` filled from a `TicketView`; names, titles and references are customer
data and go through `sanitize` into plain `Text`. Money and dates are formatted by Babel in the
agent's language and zone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from console.i18n import _
from console.text import sanitize
from console.tickets import ACCOUNT_STATUS_LABELS, ORDER_STATUS_LABELS, label

if TYPE_CHECKING:
    from datetime import datetime

    from console.auth import SignedInAgent
    from console.tickets import TicketView


def _row(text: Text, label: str, value: str | Text) -> None:
    text.append(f"{label}: ", style="dim")
    text.append(value if isinstance(value, Text) else Text(value))
    text.append("\n")


class SidePanel(Static):
    """A bordered panel with a title."""

    DEFAULT_CSS = """
    SidePanel {
        height: auto;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        padding: 0 1;
        margin: 0 0 1 0;
        &.-attention { border: round $warning; }
    }
    """

    def show(self, view: TicketView, agent: SignedInAgent) -> None:
        """Fill the panel from `view` (each panel says how)."""
        raise NotImplementedError


class CustomerPanel(SidePanel):
    """Who wrote: account, language, country, Pro or private, history with support."""

    def show(self, view: TicketView, agent: SignedInAgent) -> None:
        """Fill the panel from `view`."""
        customer = view.customer
        self.border_title = _("Customer")
        text = Text()
        text.append(sanitize(customer.display_name), style="bold")
        text.append(f" (@{sanitize(customer.username)})\n")
        _row(text, _("E-mail"), sanitize(customer.email))
        _row(text, _("Language"), customer.language)
        _row(text, _("Country"), customer.country)
        _row(text, _("Account"), _("Pro") if customer.kind == "pro" else _("private"))
        roles = [_("buyer")] if customer.is_buyer else []
        if customer.is_seller:
            roles.append(_("seller"))
        _row(text, _("Role"), ", ".join(roles) or "—")
        _row(text, _("Status"), label(ACCOUNT_STATUS_LABELS, customer.status))
        _row(text, _("Past tickets"), str(customer.past_tickets))
        _row(text, _("Disputes"), str(customer.disputes))
        text.rstrip()
        self.update(text)


class OrderPanel(SidePanel):
    """The order (price, payment, shipment and tracking) or the object asked about."""

    def show(self, view: TicketView, agent: SignedInAgent) -> None:
        """Fill the panel from `view`."""
        from console.formatting import format_instant, format_money

        def when(at: datetime | None) -> str:
            if at is None:
                return "—"
            return str(format_instant(at, agent.timezone, agent.ui_language, style="short"))

        text = Text()
        order, lot = view.order, view.lot
        if order is not None:
            self.border_title = _("Order")
            text.append(sanitize(order.reference), style="bold")
            text.append(f" · {label(ORDER_STATUS_LABELS, order.status)}\n")
            _row(text, _("Object"), sanitize(order.lot_title))
            _row(text, _("Price"), format_money(order.total, agent.ui_language))
            _row(text, _("Buyer"), sanitize(order.buyer_name))
            _row(text, _("Seller"), sanitize(order.seller_name))
            _row(text, _("Placed"), when(order.placed_at))
            if order.captured is not None:
                _row(text, _("Captured"), format_money(order.captured, agent.ui_language))
            if order.refunded is not None:
                _row(text, _("Refunded"), format_money(order.refunded, agent.ui_language))
            if order.chargeback_open:
                _row(text, _("Chargeback"), _("open"))
            if order.carrier is not None:
                _row(text, _("Carrier"), sanitize(order.carrier))
                _row(text, _("Tracking"), sanitize(order.tracking_number or "—"))
                _row(text, _("Shipped"), when(order.shipped_at))
                _row(text, _("Delivered"), when(order.delivered_at))
            else:
                _row(text, _("Shipment"), _("not shipped yet"))
        elif lot is not None:
            self.border_title = _("Object")
            text.append(sanitize(lot.title), style="bold")
            text.append("\n")
            _row(text, _("Price"), format_money(lot.price, agent.ui_language))
            _row(text, _("Seller"), sanitize(lot.seller_name))
            if lot.removed:
                _row(text, _("Listing"), _("removed"))
        else:
            self.border_title = _("Order")
            text.append(_("A general question: no order or object."), style="dim")
        if view.disputes:
            disputes = ", ".join(dispute.summary() for dispute in view.disputes)
            _row(text, _("Disputes"), disputes)
        text.rstrip()
        self.update(text)


class SellerPanel(SidePanel):
    """For a seller's question about a sale: did they contact the buyer first?"""

    def show(self, view: TicketView, agent: SignedInAgent) -> None:
        """Fill the panel from `view`; hidden when the requester is not the seller."""
        self.display = view.seller_question
        if not view.seller_question:
            return
        self.border_title = _("Seller's question")
        contacted = view.seller_contacted_buyer
        if contacted is True:
            answer = _("Yes: the seller contacted the buyer first.")
        elif contacted is False:
            answer = _("No: the seller has not contacted the buyer yet. Suggest it first.")
        else:
            answer = _("Unknown: ask whether the seller contacted the buyer.")
        self.set_class(contacted is not True, "-attention")
        self.update(Text(answer))
