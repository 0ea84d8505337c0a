"""Reply macros: ready answers in the nine languages, their placeholders filled from the ticket.

A macro is written once per language. Placeholders such as `{customer_name}` are filled from the
ticket (`TicketView.placeholders`); an unknown placeholder is an error that names it, and a
known one the ticket has no value for is reported as missing (the composer leaves it for the
agent to fill in, the CLI refuses).
"""

# ruff: noqa: E501  (translated texts are kept one per line)
from __future__ import annotations

import string
from dataclasses import dataclass

from console.errors import BadInput, NotFound
from console.i18n import _

LANGUAGES = ("en", "es", "it", "fr", "nl", "de", "zh", "pt", "pl")
FALLBACK = "en"

PLACEHOLDERS = (
    "customer_name",
    "agent_name",
    "ticket_id",
    "order_reference",
    "tracking_number",
    "carrier",
    "lot_title",
)
"""Every placeholder a macro may use."""


@dataclass(frozen=True)
class Macro:
    """One macro in one language."""

    name: str
    language: str
    title: str
    body: str


@dataclass(frozen=True)
class FilledMacro:
    """A macro's text with what could be filled in; `missing` lists placeholders left as-is."""

    macro: Macro
    text: str
    missing: tuple[str, ...]


# name -> language -> (title, body)
MACROS: dict[str, dict[str, tuple[str, str]]] = {
    "tracking": {
        "en": ("Where is my parcel: tracking", "Hello {customer_name},\n\nThank you for your message about order {order_reference}. Your parcel travels with {carrier}; its tracking number is {tracking_number}, and you can follow it on the carrier's website.\n\nKind regards,\n{agent_name}"),
        "es": ("Dónde está mi paquete: seguimiento", "Hola {customer_name}:\n\nGracias por tu mensaje sobre el pedido {order_reference}. Tu paquete viaja con {carrier}; su número de seguimiento es {tracking_number} y puedes seguirlo en la web del transportista.\n\nUn saludo,\n{agent_name}"),
        "it": ("Dov'è il mio pacco: tracciamento", "Buongiorno {customer_name},\n\ngrazie per il messaggio sull'ordine {order_reference}. Il pacco viaggia con {carrier}; il numero di tracciamento è {tracking_number} e puoi seguirlo sul sito del corriere.\n\nCordiali saluti,\n{agent_name}"),
        "fr": ("Où est mon colis : suivi", "Bonjour {customer_name},\n\nMerci pour votre message au sujet de la commande {order_reference}. Votre colis voyage avec {carrier} ; son numéro de suivi est {tracking_number}, vous pouvez le suivre sur le site du transporteur.\n\nBien cordialement,\n{agent_name}"),
        "nl": ("Waar is mijn pakket: track & trace", "Beste {customer_name},\n\nBedankt voor je bericht over bestelling {order_reference}. Je pakket wordt bezorgd door {carrier}; de trackingcode is {tracking_number} en je kunt het volgen op de website van de vervoerder.\n\nMet vriendelijke groet,\n{agent_name}"),
        "de": ("Wo ist mein Paket: Sendungsverfolgung", "Hallo {customer_name},\n\nvielen Dank für Ihre Nachricht zur Bestellung {order_reference}. Ihr Paket ist mit {carrier} unterwegs; die Sendungsnummer lautet {tracking_number}, Sie können es auf der Website des Versanddienstes verfolgen.\n\nMit freundlichen Grüßen\n{agent_name}"),
        "zh": ("我的包裹在哪里：物流跟踪", "{customer_name}，您好：\n\n感谢您就订单 {order_reference} 联系我们。您的包裹由 {carrier} 承运，运单号为 {tracking_number}，您可以在承运商网站上查询物流信息。\n\n此致\n{agent_name}"),
        "pt": ("Onde está a minha encomenda: seguimento", "Olá {customer_name},\n\nObrigado pela sua mensagem sobre a encomenda {order_reference}. A sua encomenda segue com a {carrier}; o número de seguimento é {tracking_number} e pode acompanhá-la no site da transportadora.\n\nCom os melhores cumprimentos,\n{agent_name}"),
        "pl": ("Gdzie jest moja paczka: śledzenie", "Dzień dobry {customer_name},\n\ndziękujemy za wiadomość dotyczącą zamówienia {order_reference}. Paczkę dostarcza {carrier}; numer przesyłki to {tracking_number}, można ją śledzić na stronie przewoźnika.\n\nZ pozdrowieniami\n{agent_name}"),
    },
    "asked_the_seller": {
        "en": ("We asked the seller", "Hello {customer_name},\n\nWe have contacted the seller about order {order_reference} and asked them to answer within two working days. We will come back to you as soon as we hear from them.\n\nKind regards,\n{agent_name}"),
        "es": ("Hemos contactado al vendedor", "Hola {customer_name}:\n\nHemos contactado al vendedor sobre el pedido {order_reference} y le hemos pedido que responda en un plazo de dos días laborables. Te escribiremos en cuanto tengamos noticias.\n\nUn saludo,\n{agent_name}"),
        "it": ("Abbiamo contattato il venditore", "Buongiorno {customer_name},\n\nabbiamo contattato il venditore per l'ordine {order_reference} e gli abbiamo chiesto di rispondere entro due giorni lavorativi. Ti ricontatteremo appena avremo sue notizie.\n\nCordiali saluti,\n{agent_name}"),
        "fr": ("Nous avons contacté le vendeur", "Bonjour {customer_name},\n\nNous avons contacté le vendeur au sujet de la commande {order_reference} et lui avons demandé de répondre sous deux jours ouvrés. Nous revenons vers vous dès que nous avons sa réponse.\n\nBien cordialement,\n{agent_name}"),
        "nl": ("We hebben de verkoper benaderd", "Beste {customer_name},\n\nWe hebben de verkoper benaderd over bestelling {order_reference} en gevraagd binnen twee werkdagen te reageren. Zodra we iets horen, laten we het je weten.\n\nMet vriendelijke groet,\n{agent_name}"),
        "de": ("Wir haben den Verkäufer kontaktiert", "Hallo {customer_name},\n\nwir haben den Verkäufer zur Bestellung {order_reference} kontaktiert und um eine Antwort innerhalb von zwei Werktagen gebeten. Wir melden uns, sobald wir von ihm hören.\n\nMit freundlichen Grüßen\n{agent_name}"),
        "zh": ("我们已联系卖家", "{customer_name}，您好：\n\n我们已就订单 {order_reference} 联系卖家，并请其在两个工作日内答复。一有消息，我们会立即通知您。\n\n此致\n{agent_name}"),
        "pt": ("Contactámos o vendedor", "Olá {customer_name},\n\nContactámos o vendedor sobre a encomenda {order_reference} e pedimos-lhe que responda no prazo de dois dias úteis. Voltaremos a contactá-lo assim que tivermos notícias.\n\nCom os melhores cumprimentos,\n{agent_name}"),
        "pl": ("Skontaktowaliśmy się ze sprzedającym", "Dzień dobry {customer_name},\n\nskontaktowaliśmy się ze sprzedającym w sprawie zamówienia {order_reference} i poprosiliśmy o odpowiedź w ciągu dwóch dni roboczych. Odezwiemy się, gdy tylko otrzymamy odpowiedź.\n\nZ pozdrowieniami\n{agent_name}"),
    },
    "solved": {
        "en": ("Solved: anything else?", "Hello {customer_name},\n\nI am glad we could sort this out. If anything else comes up, simply reply to this message and ticket #{ticket_id} will open again.\n\nKind regards,\n{agent_name}"),
        "es": ("Resuelto: ¿algo más?", "Hola {customer_name}:\n\nMe alegra que hayamos podido resolverlo. Si necesitas algo más, responde a este mensaje y el ticket #{ticket_id} se volverá a abrir.\n\nUn saludo,\n{agent_name}"),
        "it": ("Risolto: serve altro?", "Buongiorno {customer_name},\n\nsono felice che abbiamo risolto. Se hai bisogno d'altro, rispondi a questo messaggio e il ticket #{ticket_id} sarà riaperto.\n\nCordiali saluti,\n{agent_name}"),
        "fr": ("Résolu : autre chose ?", "Bonjour {customer_name},\n\nJe suis ravi que nous ayons pu régler cela. Pour toute autre question, répondez simplement à ce message et le ticket #{ticket_id} sera rouvert.\n\nBien cordialement,\n{agent_name}"),
        "nl": ("Opgelost: nog iets?", "Beste {customer_name},\n\nFijn dat we dit hebben kunnen oplossen. Heb je nog een vraag, antwoord dan gewoon op dit bericht en ticket #{ticket_id} gaat weer open.\n\nMet vriendelijke groet,\n{agent_name}"),
        "de": ("Erledigt: noch etwas?", "Hallo {customer_name},\n\nschön, dass wir das klären konnten. Wenn noch etwas ist, antworten Sie einfach auf diese Nachricht, dann wird Ticket #{ticket_id} wieder geöffnet.\n\nMit freundlichen Grüßen\n{agent_name}"),
        "zh": ("已解决：还有其他问题吗？", "{customer_name}，您好：\n\n很高兴问题已经解决。如有其他问题，直接回复此消息即可，工单 #{ticket_id} 将重新打开。\n\n此致\n{agent_name}"),
        "pt": ("Resolvido: mais alguma coisa?", "Olá {customer_name},\n\nFico contente por termos resolvido a questão. Se precisar de mais alguma coisa, basta responder a esta mensagem e o pedido #{ticket_id} será reaberto.\n\nCom os melhores cumprimentos,\n{agent_name}"),
        "pl": ("Rozwiązane: coś jeszcze?", "Dzień dobry {customer_name},\n\ncieszę się, że udało się to rozwiązać. Jeśli pojawi się coś jeszcze, wystarczy odpowiedzieć na tę wiadomość, a zgłoszenie #{ticket_id} zostanie ponownie otwarte.\n\nZ pozdrowieniami\n{agent_name}"),
    },
}  # fmt: skip


def _language(language: str) -> str:
    base = language.split("-")[0].lower()
    return base if base in LANGUAGES else FALLBACK


def macros_for(language: str) -> list[Macro]:
    """Every macro in `language` (English for a language without macros)."""
    chosen = _language(language)
    return [
        Macro(name, chosen, *texts.get(chosen, texts[FALLBACK])) for name, texts in MACROS.items()
    ]


def find_macro(name: str, language: str) -> Macro:
    """The macro `name` in `language`, or `NotFound` listing the names."""
    texts = MACROS.get(name.strip())
    if texts is None:
        raise NotFound(
            _("There is no macro {name!r}: choose one of {names}.").format(
                name=name, names=", ".join(MACROS)
            )
        )
    chosen = _language(language)
    return Macro(name.strip(), chosen, *texts.get(chosen, texts[FALLBACK]))


def placeholders_of(body: str) -> list[str]:
    """The placeholder names used in `body`, in order."""
    names: list[str] = []
    for _literal, name, _spec, _conversion in string.Formatter().parse(body):
        if name is not None and name not in names:
            names.append(name)
    return names


def fill(macro: Macro, values: dict[str, str | None]) -> FilledMacro:
    """`macro`'s text with its placeholders replaced from `values`.

    An unknown placeholder raises `BadInput` naming it; one whose value is None is left in the
    text as `{name}` and listed in `missing`.
    """
    used = placeholders_of(macro.body)
    for name in used:
        if name not in PLACEHOLDERS:
            raise BadInput(
                _(
                    "Macro {macro!r} uses the unknown placeholder {{{name}}}: use one of {known}."
                ).format(macro=macro.name, name=name, known=", ".join(PLACEHOLDERS))
            )
    missing = tuple(name for name in used if not values.get(name))
    filled = {name: values.get(name) or "{" + name + "}" for name in used}
    return FilledMacro(macro, macro.body.format_map(filled), missing)
