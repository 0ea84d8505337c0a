"""The help center's knowledge base, demo edition: a dozen articles in the nine languages.

`search_articles(query, language)` scores articles by the query's words found in the title
(worth more) and the body, in the ticket's language, falling back to English when nothing
matches there. Chinese has no spaces, so its text is also cut into character pairs.
"""

# ruff: noqa: E501  (translated texts are kept one per line)
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from console.errors import NotFound
from console.i18n import _

LANGUAGES = ("en", "es", "it", "fr", "nl", "de", "zh", "pt", "pl")
FALLBACK = "en"


@dataclass(frozen=True)
class Article:
    """One help-center article in one language."""

    slug: str
    language: str
    title: str
    body: str


@dataclass(frozen=True)
class ArticleHit:
    """An article and how well it matched a search."""

    article: Article
    score: int


# slug -> language -> (title, body)
ARTICLES: dict[str, dict[str, tuple[str, str]]] = {
    "item-not-received": {
        "en": ("Item not received", "If your order has not arrived, first check the tracking on your Orders page. If the delivery date has passed, contact the seller from the order; if there is no answer within two days, ask us for help and we will step in."),
        "es": ("Artículo no recibido", "Si tu pedido no ha llegado, consulta primero el seguimiento en tu página de Pedidos. Si la fecha de entrega ha pasado, contacta con el vendedor desde el pedido; si no responde en dos días, pídenos ayuda e intervendremos."),
        "it": ("Articolo non ricevuto", "Se l'ordine non è arrivato, controlla prima il tracciamento nella pagina Ordini. Se la data di consegna è passata, contatta il venditore dall'ordine; se non risponde entro due giorni, chiedici aiuto e interverremo."),
        "fr": ("Objet non reçu", "Si votre commande n'est pas arrivée, vérifiez d'abord le suivi sur votre page Commandes. Si la date de livraison est dépassée, contactez le vendeur depuis la commande ; sans réponse sous deux jours, demandez-nous de l'aide et nous interviendrons."),
        "nl": ("Artikel niet ontvangen", "Is je bestelling niet aangekomen, kijk dan eerst naar de tracking op je pagina Bestellingen. Is de bezorgdatum voorbij, neem dan via de bestelling contact op met de verkoper; reageert die niet binnen twee dagen, vraag ons dan om hulp."),
        "de": ("Artikel nicht erhalten", "Wenn Ihre Bestellung nicht angekommen ist, prüfen Sie zuerst die Sendungsverfolgung auf Ihrer Seite Bestellungen. Ist das Lieferdatum überschritten, kontaktieren Sie den Verkäufer über die Bestellung; ohne Antwort nach zwei Tagen helfen wir Ihnen weiter."),
        "zh": ("未收到物品", "如果您的订单尚未送达，请先在“我的订单”页面查看物流信息。如果已超过预计送达日期，请通过订单联系卖家；若卖家两天内未回复，请向我们求助，我们会介入处理。"),
        "pt": ("Artigo não recebido", "Se a sua encomenda não chegou, verifique primeiro o seguimento na página Encomendas. Se a data de entrega já passou, contacte o vendedor a partir da encomenda; sem resposta em dois dias, peça-nos ajuda e interviremos."),
        "pl": ("Nie otrzymano przedmiotu", "Jeśli zamówienie nie dotarło, najpierw sprawdź śledzenie przesyłki na stronie Zamówienia. Jeśli termin dostawy minął, skontaktuj się ze sprzedającym z poziomu zamówienia; bez odpowiedzi w ciągu dwóch dni poproś nas o pomoc."),
    },
    "returns-and-withdrawal": {
        "en": ("Returns and withdrawal", "When you buy from a professional seller you may withdraw from the purchase within 14 days of delivery without giving a reason. Private sellers do not have to accept returns unless the item is not as described. Start a return from the order page."),
        "es": ("Devoluciones y desistimiento", "Si compras a un vendedor profesional puedes desistir de la compra en los 14 días siguientes a la entrega sin dar motivos. Los vendedores particulares no están obligados a aceptar devoluciones salvo que el artículo no sea como se describía. Inicia la devolución desde el pedido."),
        "it": ("Resi e recesso", "Se acquisti da un venditore professionale puoi recedere entro 14 giorni dalla consegna senza indicarne il motivo. I venditori privati non sono tenuti ad accettare resi, salvo che l'articolo non sia conforme alla descrizione. Avvia il reso dalla pagina dell'ordine."),
        "fr": ("Retours et rétractation", "Si vous achetez à un vendeur professionnel, vous pouvez vous rétracter dans les 14 jours suivant la livraison sans donner de motif. Un vendeur particulier n'est pas tenu d'accepter un retour, sauf si l'objet n'est pas conforme à sa description. Lancez le retour depuis la commande."),
        "nl": ("Retourneren en herroeping", "Koop je bij een professionele verkoper, dan mag je de aankoop binnen 14 dagen na levering zonder opgave van redenen herroepen. Particuliere verkopers hoeven geen retour te accepteren, tenzij het artikel niet overeenkomt met de beschrijving. Start een retour vanuit de bestelling."),
        "de": ("Rückgabe und Widerruf", "Beim Kauf von einem gewerblichen Verkäufer können Sie innerhalb von 14 Tagen nach Lieferung ohne Angabe von Gründen widerrufen. Private Verkäufer müssen Rücksendungen nicht annehmen, außer der Artikel entspricht nicht der Beschreibung. Starten Sie die Rücksendung über die Bestellung."),
        "zh": ("退货与撤销购买", "向专业卖家购买时，您可以在收货后 14 天内无理由撤销购买。个人卖家无需接受退货，除非物品与描述不符。请在订单页面发起退货。"),
        "pt": ("Devoluções e livre resolução", "Se comprar a um vendedor profissional, pode desistir da compra nos 14 dias seguintes à entrega sem indicar motivo. Os vendedores particulares não são obrigados a aceitar devoluções, exceto se o artigo não corresponder à descrição. Inicie a devolução na página da encomenda."),
        "pl": ("Zwroty i odstąpienie od umowy", "Kupując od sprzedawcy profesjonalnego, możesz odstąpić od umowy w ciągu 14 dni od dostawy bez podania przyczyny. Sprzedający prywatni nie muszą przyjmować zwrotów, chyba że przedmiot jest niezgodny z opisem. Zwrot rozpoczniesz na stronie zamówienia."),
    },
    "buyer-protection": {
        "en": ("Buyer protection", "Every purchase paid through the marketplace is covered by buyer protection: we hold the payment until you confirm the item arrived as described. If it did not, open a case within 48 hours of delivery and we will examine it impartially."),
        "es": ("Protección al comprador", "Toda compra pagada a través del marketplace está cubierta por la protección al comprador: retenemos el pago hasta que confirmes que el artículo llegó tal como se describía. Si no es así, abre un caso en las 48 horas siguientes a la entrega y lo examinaremos con imparcialidad."),
        "it": ("Protezione acquirenti", "Ogni acquisto pagato tramite il marketplace è coperto dalla protezione acquirenti: tratteniamo il pagamento finché non confermi che l'articolo è arrivato come descritto. In caso contrario, apri una segnalazione entro 48 ore dalla consegna e la esamineremo in modo imparziale."),
        "fr": ("Protection acheteurs", "Tout achat payé via la plateforme est couvert par la protection acheteurs : nous conservons le paiement jusqu'à ce que vous confirmiez que l'objet est arrivé conforme. Sinon, ouvrez un litige dans les 48 heures suivant la livraison ; nous l'examinerons en toute impartialité."),
        "nl": ("Kopersbescherming", "Elke aankoop die via de marktplaats is betaald, valt onder de kopersbescherming: we houden de betaling vast tot je bevestigt dat het artikel is aangekomen zoals beschreven. Is dat niet zo, open dan binnen 48 uur na levering een zaak; we beoordelen die onpartijdig."),
        "de": ("Käuferschutz", "Jeder über den Marktplatz bezahlte Kauf ist durch den Käuferschutz abgesichert: Wir halten die Zahlung zurück, bis Sie bestätigen, dass der Artikel wie beschrieben angekommen ist. Andernfalls melden Sie innerhalb von 48 Stunden nach Lieferung einen Fall; wir prüfen ihn unparteiisch."),
        "zh": ("买家保障", "所有通过平台支付的购买均受买家保障：在您确认物品与描述相符之前，我们会暂扣货款。如有问题，请在收货后 48 小时内提出申诉，我们将公正处理。"),
        "pt": ("Proteção do comprador", "Todas as compras pagas através do marketplace estão cobertas pela proteção do comprador: retemos o pagamento até confirmar que o artigo chegou conforme descrito. Caso contrário, abra um caso nas 48 horas seguintes à entrega e analisá-lo-emos com imparcialidade."),
        "pl": ("Ochrona kupujących", "Każdy zakup opłacony przez platformę jest objęty ochroną kupujących: wstrzymujemy płatność, dopóki nie potwierdzisz, że przedmiot dotarł zgodny z opisem. Jeśli nie, zgłoś sprawę w ciągu 48 godzin od dostawy, a rozpatrzymy ją bezstronnie."),
    },
    "how-payouts-work": {
        "en": ("How payouts work", "As a seller you are paid once the buyer confirms receipt, or automatically two days after delivery. The payout goes to the bank account in your settings and usually arrives within three working days."),
        "es": ("Cómo funcionan los pagos a vendedores", "Como vendedor cobras cuando el comprador confirma la recepción, o automáticamente dos días después de la entrega. El pago se envía a la cuenta bancaria de tus ajustes y suele llegar en tres días laborables."),
        "it": ("Come funzionano i pagamenti ai venditori", "Come venditore vieni pagato quando l'acquirente conferma la ricezione, oppure automaticamente due giorni dopo la consegna. Il pagamento va sul conto bancario indicato nelle impostazioni e di solito arriva entro tre giorni lavorativi."),
        "fr": ("Comment fonctionnent les versements", "En tant que vendeur, vous êtes payé dès que l'acheteur confirme la réception, ou automatiquement deux jours après la livraison. Le versement part vers le compte bancaire de vos paramètres et arrive en général sous trois jours ouvrés."),
        "nl": ("Hoe uitbetalingen werken", "Als verkoper word je betaald zodra de koper de ontvangst bevestigt, of automatisch twee dagen na levering. De uitbetaling gaat naar de bankrekening in je instellingen en komt meestal binnen drie werkdagen aan."),
        "de": ("So funktionieren Auszahlungen", "Als Verkäufer werden Sie bezahlt, sobald der Käufer den Erhalt bestätigt, oder automatisch zwei Tage nach der Lieferung. Die Auszahlung geht auf das Bankkonto in Ihren Einstellungen und kommt meist innerhalb von drei Werktagen an."),
        "zh": ("卖家收款说明", "作为卖家，买家确认收货后，或送达两天后系统自动确认，您即可收到货款。款项将转入您在设置中填写的银行账户，通常三个工作日内到账。"),
        "pt": ("Como funcionam os pagamentos", "Como vendedor, recebe assim que o comprador confirmar a receção, ou automaticamente dois dias após a entrega. O pagamento é enviado para a conta bancária indicada nas definições e chega normalmente em três dias úteis."),
        "pl": ("Jak działają wypłaty", "Jako sprzedający otrzymujesz zapłatę, gdy kupujący potwierdzi odbiór, albo automatycznie dwa dni po dostawie. Wypłata trafia na rachunek bankowy podany w ustawieniach i zwykle dociera w ciągu trzech dni roboczych."),
    },
    "contact-the-buyer-first": {
        "en": ("Contact the buyer first", "If you have a problem with a sale, write to the buyer from the order page first: most questions about shipping, payment or the item are solved that way within a day. If you cannot agree, ask us for help and tell us what you already tried."),
        "es": ("Contacta primero con el comprador", "Si tienes un problema con una venta, escribe primero al comprador desde la página del pedido: la mayoría de dudas sobre envío, pago o el artículo se resuelven así en un día. Si no llegáis a un acuerdo, pídenos ayuda y cuéntanos lo que ya has intentado."),
        "it": ("Contatta prima l'acquirente", "Se hai un problema con una vendita, scrivi prima all'acquirente dalla pagina dell'ordine: la maggior parte delle questioni su spedizione, pagamento o articolo si risolve così in un giorno. Se non trovate un accordo, chiedici aiuto e raccontaci cosa hai già provato."),
        "fr": ("Contactez d'abord l'acheteur", "En cas de problème avec une vente, écrivez d'abord à l'acheteur depuis la page de la commande : la plupart des questions d'envoi, de paiement ou d'objet se règlent ainsi en une journée. Si vous ne trouvez pas d'accord, demandez-nous de l'aide en précisant ce que vous avez déjà tenté."),
        "nl": ("Neem eerst contact op met de koper", "Heb je een probleem met een verkoop, schrijf de koper dan eerst via de bestelpagina: de meeste vragen over verzending, betaling of het artikel zijn zo binnen een dag opgelost. Kom je er samen niet uit, vraag ons dan om hulp en vertel wat je al hebt geprobeerd."),
        "de": ("Kontaktieren Sie zuerst den Käufer", "Bei einem Problem mit einem Verkauf schreiben Sie zuerst dem Käufer über die Bestellseite: Die meisten Fragen zu Versand, Zahlung oder Artikel lassen sich so innerhalb eines Tages klären. Wenn Sie sich nicht einigen, bitten Sie uns um Hilfe und schildern Sie, was Sie schon versucht haben."),
        "zh": ("请先联系买家", "如果您的交易出现问题，请先通过订单页面联系买家：大多数关于发货、付款或物品的问题都能在一天内解决。如果双方无法达成一致，请向我们求助，并告诉我们您已经尝试过的做法。"),
        "pt": ("Contacte primeiro o comprador", "Se tiver um problema com uma venda, escreva primeiro ao comprador a partir da página da encomenda: a maioria das questões sobre envio, pagamento ou o artigo resolve-se assim num dia. Se não chegarem a acordo, peça-nos ajuda e diga-nos o que já tentou."),
        "pl": ("Najpierw skontaktuj się z kupującym", "Jeśli masz problem ze sprzedażą, najpierw napisz do kupującego ze strony zamówienia: większość pytań o wysyłkę, płatność czy przedmiot rozwiązuje się tak w ciągu dnia. Jeśli nie dojdziecie do porozumienia, poproś nas o pomoc i opisz, co już próbowałeś."),
    },
    "tracking-your-parcel": {
        "en": ("Tracking your parcel", "Once the seller ships, the tracking number appears on the order page with a link to the carrier. Tracking can take up to 24 hours to show the first scan."),
        "es": ("Seguimiento de tu paquete", "Cuando el vendedor envía el paquete, el número de seguimiento aparece en la página del pedido con un enlace al transportista. El primer escaneo puede tardar hasta 24 horas en mostrarse."),
        "it": ("Tracciare il pacco", "Quando il venditore spedisce, il numero di tracciamento compare nella pagina dell'ordine con un link al corriere. La prima scansione può richiedere fino a 24 ore per comparire."),
        "fr": ("Suivre votre colis", "Dès que le vendeur expédie, le numéro de suivi apparaît sur la page de la commande avec un lien vers le transporteur. Le premier scan peut mettre jusqu'à 24 heures à s'afficher."),
        "nl": ("Je pakket volgen", "Zodra de verkoper verzendt, verschijnt de trackingcode op de bestelpagina met een link naar de vervoerder. Het kan tot 24 uur duren voordat de eerste scan zichtbaar is."),
        "de": ("Ihr Paket verfolgen", "Sobald der Verkäufer versendet, erscheint die Sendungsnummer auf der Bestellseite mit einem Link zum Versanddienst. Bis der erste Scan sichtbar ist, kann es bis zu 24 Stunden dauern."),
        "zh": ("查询包裹物流", "卖家发货后，运单号会显示在订单页面，并附有承运商链接。首次扫描记录可能需要最多 24 小时才会显示。"),
        "pt": ("Seguir a sua encomenda", "Assim que o vendedor expedir, o número de seguimento aparece na página da encomenda com uma ligação para a transportadora. O primeiro registo pode demorar até 24 horas a aparecer."),
        "pl": ("Śledzenie paczki", "Gdy sprzedający wyśle paczkę, numer przesyłki pojawi się na stronie zamówienia wraz z linkiem do przewoźnika. Pierwszy skan może pojawić się dopiero po 24 godzinach."),
    },
    "item-arrived-damaged": {
        "en": ("Item arrived damaged", "If your item arrived damaged, keep the packaging and take photos of the item and the parcel. Open a case from the order within 48 hours of delivery and attach the photos."),
        "es": ("El artículo llegó dañado", "Si tu artículo llegó dañado, guarda el embalaje y haz fotos del artículo y del paquete. Abre un caso desde el pedido en las 48 horas siguientes a la entrega y adjunta las fotos."),
        "it": ("Articolo arrivato danneggiato", "Se l'articolo è arrivato danneggiato, conserva l'imballaggio e fotografa l'articolo e il pacco. Apri una segnalazione dall'ordine entro 48 ore dalla consegna e allega le foto."),
        "fr": ("Objet arrivé endommagé", "Si votre objet est arrivé endommagé, gardez l'emballage et photographiez l'objet et le colis. Ouvrez un litige depuis la commande dans les 48 heures suivant la livraison en joignant les photos."),
        "nl": ("Artikel beschadigd aangekomen", "Is je artikel beschadigd aangekomen, bewaar dan de verpakking en maak foto's van het artikel en het pakket. Open binnen 48 uur na levering een zaak vanuit de bestelling en voeg de foto's toe."),
        "de": ("Artikel beschädigt angekommen", "Ist Ihr Artikel beschädigt angekommen, bewahren Sie die Verpackung auf und fotografieren Sie Artikel und Paket. Melden Sie innerhalb von 48 Stunden nach Lieferung einen Fall über die Bestellung und fügen Sie die Fotos bei."),
        "zh": ("物品到货时已损坏", "如果物品到货时已损坏，请保留包装，并拍摄物品和包裹的照片。请在收货后 48 小时内通过订单提出申诉并附上照片。"),
        "pt": ("Artigo chegou danificado", "Se o artigo chegou danificado, guarde a embalagem e tire fotografias do artigo e da encomenda. Abra um caso a partir da encomenda nas 48 horas seguintes à entrega e anexe as fotografias."),
        "pl": ("Przedmiot dotarł uszkodzony", "Jeśli przedmiot dotarł uszkodzony, zachowaj opakowanie i zrób zdjęcia przedmiotu oraz paczki. Zgłoś sprawę z poziomu zamówienia w ciągu 48 godzin od dostawy i dołącz zdjęcia."),
    },
    "item-not-as-described": {
        "en": ("Item not as described", "If the item differs from its listing (condition, size, authenticity), tell the seller first and open a case within 48 hours of delivery. Do not use or alter the item while the case is examined."),
        "es": ("El artículo no es como se describía", "Si el artículo no coincide con el anuncio (estado, talla, autenticidad), díselo primero al vendedor y abre un caso en las 48 horas siguientes a la entrega. No uses ni modifiques el artículo mientras se examina el caso."),
        "it": ("Articolo non conforme alla descrizione", "Se l'articolo è diverso dall'annuncio (condizioni, taglia, autenticità), avvisa prima il venditore e apri una segnalazione entro 48 ore dalla consegna. Non usare né modificare l'articolo durante l'esame."),
        "fr": ("Objet non conforme à la description", "Si l'objet diffère de son annonce (état, taille, authenticité), prévenez d'abord le vendeur et ouvrez un litige dans les 48 heures suivant la livraison. N'utilisez pas et ne modifiez pas l'objet pendant l'examen."),
        "nl": ("Artikel niet zoals beschreven", "Wijkt het artikel af van de advertentie (staat, maat, echtheid), laat het de verkoper dan eerst weten en open binnen 48 uur na levering een zaak. Gebruik of wijzig het artikel niet zolang de zaak loopt."),
        "de": ("Artikel entspricht nicht der Beschreibung", "Weicht der Artikel vom Angebot ab (Zustand, Größe, Echtheit), informieren Sie zuerst den Verkäufer und melden Sie innerhalb von 48 Stunden nach Lieferung einen Fall. Benutzen oder verändern Sie den Artikel während der Prüfung nicht."),
        "zh": ("物品与描述不符", "如果物品与商品描述不符（成色、尺寸、真伪），请先告知卖家，并在收货后 48 小时内提出申诉。审核期间请勿使用或改动物品。"),
        "pt": ("Artigo não corresponde à descrição", "Se o artigo for diferente do anúncio (estado, tamanho, autenticidade), avise primeiro o vendedor e abra um caso nas 48 horas seguintes à entrega. Não utilize nem altere o artigo enquanto o caso é analisado."),
        "pl": ("Przedmiot niezgodny z opisem", "Jeśli przedmiot różni się od ogłoszenia (stan, rozmiar, autentyczność), najpierw poinformuj sprzedającego i zgłoś sprawę w ciągu 48 godzin od dostawy. Nie używaj ani nie zmieniaj przedmiotu w trakcie rozpatrywania."),
    },
    "cancelling-an-order": {
        "en": ("Cancelling an order", "An order can be cancelled free of charge until the seller ships it: ask the seller from the order page. Once shipped, the order can no longer be cancelled, but a return may be possible."),
        "es": ("Cancelar un pedido", "Un pedido puede cancelarse sin coste hasta que el vendedor lo envía: pídeselo desde la página del pedido. Una vez enviado ya no puede cancelarse, aunque puede ser posible una devolución."),
        "it": ("Annullare un ordine", "Un ordine può essere annullato gratuitamente finché il venditore non lo spedisce: chiedilo dalla pagina dell'ordine. Dopo la spedizione non è più annullabile, ma potrebbe essere possibile un reso."),
        "fr": ("Annuler une commande", "Une commande peut être annulée sans frais tant que le vendeur ne l'a pas expédiée : demandez-le-lui depuis la page de la commande. Une fois expédiée, elle ne peut plus être annulée, mais un retour reste parfois possible."),
        "nl": ("Een bestelling annuleren", "Een bestelling kan kosteloos worden geannuleerd zolang de verkoper hem niet heeft verzonden: vraag het via de bestelpagina. Na verzending kan dat niet meer, maar retourneren is soms mogelijk."),
        "de": ("Eine Bestellung stornieren", "Eine Bestellung kann kostenlos storniert werden, solange der Verkäufer sie nicht versendet hat: Fragen Sie über die Bestellseite. Nach dem Versand ist keine Stornierung mehr möglich, eine Rücksendung aber unter Umständen schon."),
        "zh": ("取消订单", "在卖家发货之前，订单可以免费取消：请通过订单页面联系卖家。发货后订单将无法取消，但可能可以退货。"),
        "pt": ("Cancelar uma encomenda", "Uma encomenda pode ser cancelada gratuitamente até o vendedor a expedir: peça-o na página da encomenda. Depois de expedida já não pode ser cancelada, mas poderá ser possível devolvê-la."),
        "pl": ("Anulowanie zamówienia", "Zamówienie można bezpłatnie anulować, dopóki sprzedający go nie wyśle: poproś o to na stronie zamówienia. Po wysyłce anulowanie nie jest już możliwe, ale zwrot może być."),
    },
    "refund-timing": {
        "en": ("When will I get my refund?", "Once a refund is approved we send it at once to your original payment method. Depending on your bank it appears within 3 to 10 working days."),
        "es": ("¿Cuándo recibiré mi reembolso?", "Cuando se aprueba un reembolso lo enviamos de inmediato al método de pago original. Según tu banco, aparece en un plazo de 3 a 10 días laborables."),
        "it": ("Quando riceverò il rimborso?", "Una volta approvato, inviamo subito il rimborso al metodo di pagamento originale. A seconda della banca compare entro 3-10 giorni lavorativi."),
        "fr": ("Quand serai-je remboursé ?", "Dès qu'un remboursement est validé, nous l'envoyons sur votre moyen de paiement d'origine. Selon votre banque, il apparaît sous 3 à 10 jours ouvrés."),
        "nl": ("Wanneer krijg ik mijn geld terug?", "Zodra een terugbetaling is goedgekeurd, sturen we die direct naar je oorspronkelijke betaalmethode. Afhankelijk van je bank staat het bedrag binnen 3 tot 10 werkdagen op je rekening."),
        "de": ("Wann erhalte ich meine Erstattung?", "Sobald eine Erstattung genehmigt ist, senden wir sie sofort an Ihre ursprüngliche Zahlungsmethode. Je nach Bank ist sie nach 3 bis 10 Werktagen sichtbar."),
        "zh": ("我什么时候能收到退款？", "退款获批后，我们会立即退回至您的原支付方式。根据银行不同，通常在 3 至 10 个工作日内到账。"),
        "pt": ("Quando recebo o meu reembolso?", "Assim que um reembolso é aprovado, enviamo-lo de imediato para o método de pagamento original. Consoante o banco, aparece em 3 a 10 dias úteis."),
        "pl": ("Kiedy otrzymam zwrot pieniędzy?", "Po zatwierdzeniu zwrotu od razu przesyłamy go na pierwotną metodę płatności. W zależności od banku pieniądze pojawią się w ciągu 3–10 dni roboczych."),
    },
    "account-security": {
        "en": ("Keeping your account secure", "We will never ask for your password or payment details by e-mail or chat. Turn on two-step verification in your settings, and report any message that asks you to pay outside the marketplace."),
        "es": ("Mantener tu cuenta segura", "Nunca te pediremos tu contraseña ni tus datos de pago por correo o chat. Activa la verificación en dos pasos en tus ajustes y denuncia cualquier mensaje que te pida pagar fuera del marketplace."),
        "it": ("Proteggere il tuo account", "Non ti chiederemo mai la password o i dati di pagamento via e-mail o chat. Attiva la verifica in due passaggi nelle impostazioni e segnala ogni messaggio che ti chiede di pagare fuori dal marketplace."),
        "fr": ("Sécuriser votre compte", "Nous ne vous demanderons jamais votre mot de passe ni vos données de paiement par e-mail ou par chat. Activez la validation en deux étapes dans vos paramètres et signalez tout message vous demandant de payer hors de la plateforme."),
        "nl": ("Je account veilig houden", "We vragen nooit om je wachtwoord of betaalgegevens per e-mail of chat. Zet tweestapsverificatie aan in je instellingen en meld elk bericht dat je vraagt buiten de marktplaats te betalen."),
        "de": ("Ihr Konto schützen", "Wir fragen Sie nie per E-Mail oder Chat nach Ihrem Passwort oder Zahlungsdaten. Aktivieren Sie die Zwei-Schritt-Verifizierung in den Einstellungen und melden Sie jede Nachricht, die Sie zur Zahlung außerhalb des Marktplatzes auffordert."),
        "zh": ("保护您的账户安全", "我们绝不会通过电子邮件或在线聊天索要您的密码或支付信息。请在设置中开启两步验证，并举报任何要求您在平台外付款的消息。"),
        "pt": ("Manter a sua conta segura", "Nunca lhe pediremos a palavra-passe nem os dados de pagamento por e-mail ou chat. Ative a verificação em dois passos nas definições e denuncie qualquer mensagem que lhe peça para pagar fora do marketplace."),
        "pl": ("Bezpieczeństwo konta", "Nigdy nie poprosimy o hasło ani dane płatnicze przez e-mail lub czat. Włącz weryfikację dwuetapową w ustawieniach i zgłaszaj każdą wiadomość z prośbą o zapłatę poza platformą."),
    },
    "selling-fees": {
        "en": ("Selling fees", "Listing an item is free. When it sells, a commission of 9% of the sale price is deducted from your payout; professional sellers see the fees on their monthly invoice."),
        "es": ("Comisiones de venta", "Publicar un artículo es gratis. Cuando se vende, se descuenta del pago una comisión del 9 % del precio de venta; los vendedores profesionales ven las comisiones en su factura mensual."),
        "it": ("Commissioni di vendita", "Pubblicare un articolo è gratuito. Quando viene venduto, una commissione del 9% del prezzo viene trattenuta dal pagamento; i venditori professionali trovano le commissioni nella fattura mensile."),
        "fr": ("Frais de vente", "Mettre un objet en vente est gratuit. À la vente, une commission de 9 % du prix est déduite de votre versement ; les vendeurs professionnels retrouvent les frais sur leur facture mensuelle."),
        "nl": ("Verkoopkosten", "Een artikel aanbieden is gratis. Bij verkoop wordt 9% commissie van de verkoopprijs ingehouden op je uitbetaling; professionele verkopers zien de kosten op hun maandfactuur."),
        "de": ("Verkaufsgebühren", "Das Einstellen eines Artikels ist kostenlos. Beim Verkauf wird eine Provision von 9 % des Verkaufspreises von der Auszahlung abgezogen; gewerbliche Verkäufer sehen die Gebühren auf ihrer Monatsrechnung."),
        "zh": ("销售费用", "发布物品免费。物品售出后，将从货款中扣除成交价 9% 的佣金；专业卖家可在月度账单中查看费用明细。"),
        "pt": ("Comissões de venda", "Publicar um artigo é gratuito. Quando é vendido, é descontada do pagamento uma comissão de 9% do preço de venda; os vendedores profissionais veem as comissões na fatura mensal."),
        "pl": ("Opłaty za sprzedaż", "Wystawienie przedmiotu jest bezpłatne. Po sprzedaży z wypłaty potrącana jest prowizja w wysokości 9% ceny; sprzedawcy profesjonalni widzą opłaty na miesięcznej fakturze."),
    },
}  # fmt: skip


def _language(language: str) -> str:
    base = language.split("-")[0].lower()
    return base if base in LANGUAGES else FALLBACK


def articles_in(language: str) -> list[Article]:
    """Every article in `language` (English where the language is not one of the nine)."""
    chosen = _language(language)
    return [
        Article(slug, chosen, *texts.get(chosen, texts[FALLBACK]))
        for slug, texts in ARTICLES.items()
    ]


def find_article(slug: str, language: str) -> Article:
    """The article `slug` in `language` (or English), or `NotFound` listing the slugs."""
    texts = ARTICLES.get(slug.strip())
    if texts is None:
        raise NotFound(
            _("There is no help-center article {slug!r}: choose one of {slugs}.").format(
                slug=slug, slugs=", ".join(ARTICLES)
            )
        )
    chosen = _language(language)
    return Article(slug.strip(), chosen, *texts.get(chosen, texts[FALLBACK]))


def article_text(article: Article) -> str:
    """The article as it goes into a reply: title, blank line, body."""
    return f"{article.title}\n\n{article.body}"


_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> set[str]:
    """The searchable words of `text`: case- and accent-folded; Chinese as character pairs."""
    folded = _fold(text)
    words = {word for word in _WORD.findall(folded) if not _CJK.fullmatch(word)}
    for run in _CJK.findall(folded):
        if len(run) == 1:
            words.add(run)
        words.update(run[i : i + 2] for i in range(len(run) - 1))
    return words


@cache
def _index(language: str) -> list[tuple[Article, frozenset[str], frozenset[str]]]:
    return [
        (article, frozenset(tokens(article.title)), frozenset(tokens(article.body)))
        for article in articles_in(language)
    ]


def _close(word: str, known: str) -> bool:
    """Same word up to its ending: `contacter` and `contactez`, `acheteur` and `acheteurs`."""
    if known.startswith(word) and len(word) >= 3:
        return True
    shortest = min(len(word), len(known))
    if shortest < 5:
        return False
    common = next(
        (i for i, (a, b) in enumerate(zip(word, known, strict=False)) if a != b), shortest
    )
    return common >= max(5, shortest - 2)


def _matches(word: str, vocabulary: frozenset[str]) -> bool:
    return word in vocabulary or any(_close(word, known) for known in vocabulary)


def _search(query_words: set[str], language: str) -> list[ArticleHit]:
    hits = []
    for article, title, body in _index(language):
        score = sum(3 * _matches(w, title) + _matches(w, body) for w in query_words)
        if score > 0:
            hits.append(ArticleHit(article, score))
    hits.sort(key=lambda hit: -hit.score)
    return hits


def search_articles(query: str, language: str, *, limit: int = 20) -> list[ArticleHit]:
    """Articles matching `query`, best first, in `language`; English when none match there.

    An empty query lists every article in `language`.
    """
    chosen = _language(language)
    words = tokens(query)
    if not words:
        return [ArticleHit(article, 0) for article in articles_in(chosen)][:limit]
    hits = _search(words, chosen)
    if not hits and chosen != FALLBACK:
        hits = _search(words, FALLBACK)
    return hits[:limit]
