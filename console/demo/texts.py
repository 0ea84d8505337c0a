"""The demo marketplace's words: customer messages and AI answers in each language, names, lots.

Each language has a small bank of topics; a topic is (subject, customer message, AI answer)
with `{title}`, `{ref}` and `{carrier}` filled in per ticket. The nine languages served
in-house have every topic; Swedish, Czech and Danish have one topic per ticket source, enough
to show e-mail in an unserved language being handled in English (the agent's reply is then in
English, see `AGENT_REPLIES`).

This is demo content, not interface text: it is data in the customer's language and is not
translated through gettext.
"""

from __future__ import annotations

from typing import Final

from models.enums import TicketSource

# topic → (ticket source, ticket category)
TOPICS: Final[dict[str, tuple[str, str]]] = {
    "delivery": (TicketSource.ORDER_HELP, "delivery"),
    "damaged": (TicketSource.ORDER_HELP, "damaged"),
    "authenticity": (TicketSource.OBJECT_QUESTION, "authenticity"),
    "shipping": (TicketSource.OBJECT_QUESTION, "shipping_cost"),
    "payout": (TicketSource.GENERAL_QUESTION, "payout"),
}

Topic = tuple[str, str, str]

TEXTS: Final[dict[str, dict[str, Topic]]] = {
    "en": {
        "delivery": (
            "Where is my order {ref}?",
            "Hello, I bought \u201c{title}\u201d (order {ref}) and the {carrier} tracking has not "
            "moved for a week. Can you tell me when it will arrive?",
            "Your order {ref} was shipped with {carrier}. Delivery can take up to 10 working "
            "days; if the tracking does not change within 5 days, you can report the item as "
            "not received from your Orders page.",
        ),
        "damaged": (
            "Item arrived damaged ({ref})",
            "The \u201c{title}\u201d I received today is damaged: the packaging was crushed and "
            "there is a crack. I would like a refund or a solution.",
            "I'm sorry the item arrived damaged. Please report the problem within 3 days of "
            "delivery from your Orders page and add photos of the item and the packaging; the "
            "seller's payout is held while the claim is open.",
        ),
        "authenticity": (
            "Is this lot authentic? {title}",
            "Before bidding on \u201c{title}\u201d, I would like to know whether its authenticity "
            "has been checked and whether a certificate comes with it.",
            "According to the description, \u201c{title}\u201d was reviewed by our expert before "
            "listing. A certificate is included only when the description says so; you can ask "
            "the seller from the object's page.",
        ),
        "shipping": (
            "Shipping costs to my country",
            "How much does shipping \u201c{title}\u201d to my address cost, and can I collect it "
            "in person?",
            "Shipping costs are shown on the object's page once your address is known. "
            "Collection in person is possible only when the seller offers it in the listing.",
        ),
        "payout": (
            "When will I receive my payout?",
            "I sold an item two weeks ago and the buyer confirmed receipt, but I still have not "
            "been paid. When will the money reach my account?",
            "Payouts are released once the buyer confirms receipt, or automatically a few days "
            "after delivery, and reach your bank account within 3 to 5 working days.",
        ),
    },
    "fr": {
        "delivery": (
            "Où est ma commande {ref} ?",
            "Bonjour, j'ai acheté « {title} » (commande {ref}) et le suivi {carrier} n'a pas "
            "bougé depuis une semaine. Pouvez-vous me dire quand il arrivera ?",
            "Votre commande {ref} a été expédiée avec {carrier}. La livraison peut prendre "
            "jusqu'à 10 jours ouvrés ; si le suivi n'évolue pas d'ici 5 jours, vous pouvez "
            "signaler l'objet comme non reçu depuis la page Commandes.",
        ),
        "damaged": (
            "Objet arrivé endommagé ({ref})",
            "L'objet « {title} » reçu aujourd'hui est abîmé : l'emballage était écrasé et il y "
            "a une fissure. Je souhaite un remboursement ou une solution.",
            "Je suis désolé que l'objet soit arrivé endommagé. Signalez le problème dans les "
            "3 jours suivant la livraison depuis la page Commandes et ajoutez des photos de "
            "l'objet et de l'emballage ; le paiement au vendeur est suspendu pendant l'examen.",
        ),
        "authenticity": (
            "Ce lot est-il authentique ? {title}",
            "Avant d'enchérir sur « {title} », j'aimerais savoir si son authenticité a été "
            "vérifiée et s'il est accompagné d'un certificat.",
            "D'après la description, « {title} » a été examiné par notre expert avant sa mise "
            "en vente. Un certificat n'est fourni que si la description le mentionne ; vous "
            "pouvez interroger le vendeur depuis la page de l'objet.",
        ),
        "shipping": (
            "Frais de livraison vers mon pays",
            "Combien coûte la livraison de « {title} » à mon adresse, et puis-je le retirer "
            "sur place ?",
            "Les frais de livraison s'affichent sur la page de l'objet une fois votre adresse "
            "connue. Le retrait sur place n'est possible que si le vendeur le propose dans "
            "l'annonce.",
        ),
        "payout": (
            "Quand vais-je recevoir mon paiement ?",
            "J'ai vendu un objet il y a deux semaines et l'acheteur a confirmé la réception, "
            "mais je n'ai toujours pas été payé. Quand l'argent arrivera-t-il sur mon compte ?",
            "Le paiement est libéré après la confirmation de réception par l'acheteur, ou "
            "automatiquement quelques jours après la livraison, et arrive sur votre compte "
            "bancaire sous 3 à 5 jours ouvrés.",
        ),
    },
    "de": {
        "delivery": (
            "Wo ist meine Bestellung {ref}?",
            "Hallo, ich habe „{title}“ gekauft (Bestellung {ref}) und die Sendungsverfolgung "
            "von {carrier} hat sich seit einer Woche nicht verändert. Wann kommt das Paket an?",
            "Ihre Bestellung {ref} wurde mit {carrier} versendet. Die Zustellung kann bis zu "
            "10 Werktage dauern; ändert sich die Sendungsverfolgung innerhalb von 5 Tagen "
            "nicht, können Sie den Artikel auf der Seite „Bestellungen“ als nicht erhalten "
            "melden.",
        ),
        "damaged": (
            "Artikel beschädigt angekommen ({ref})",
            "Das heute erhaltene Objekt „{title}“ ist beschädigt: Die Verpackung war "
            "eingedrückt und es hat einen Riss. Ich möchte eine Erstattung oder eine Lösung.",
            "Es tut mir leid, dass der Artikel beschädigt angekommen ist. Bitte melden Sie das "
            "Problem innerhalb von 3 Tagen nach der Zustellung auf der Seite „Bestellungen“ und "
            "fügen Sie Fotos von Artikel und Verpackung hinzu; die Auszahlung an den Verkäufer "
            "wird während der Prüfung zurückgehalten.",
        ),
        "authenticity": (
            "Ist dieses Objekt echt? {title}",
            "Bevor ich auf „{title}“ biete, möchte ich wissen, ob die Echtheit geprüft wurde "
            "und ob ein Zertifikat dabei ist.",
            "Laut Beschreibung wurde „{title}“ vor dem Einstellen von unserem Experten geprüft. "
            "Ein Zertifikat liegt nur bei, wenn die Beschreibung es erwähnt; Sie können dem "
            "Verkäufer über die Objektseite eine Frage stellen.",
        ),
        "shipping": (
            "Versandkosten in mein Land",
            "Was kostet der Versand von „{title}“ an meine Adresse, und kann ich es selbst "
            "abholen?",
            "Die Versandkosten werden auf der Objektseite angezeigt, sobald Ihre Adresse "
            "bekannt ist. Eine Abholung ist nur möglich, wenn der Verkäufer sie im Angebot "
            "anbietet.",
        ),
        "payout": (
            "Wann erhalte ich meine Auszahlung?",
            "Ich habe vor zwei Wochen einen Artikel verkauft und der Käufer hat den Erhalt "
            "bestätigt, aber ich habe noch kein Geld bekommen. Wann kommt es auf meinem Konto "
            "an?",
            "Auszahlungen werden freigegeben, sobald der Käufer den Erhalt bestätigt, oder "
            "automatisch einige Tage nach der Zustellung, und sind innerhalb von 3 bis 5 "
            "Werktagen auf Ihrem Bankkonto.",
        ),
    },
    "nl": {
        "delivery": (
            "Waar is mijn bestelling {ref}?",
            "Hallo, ik heb „{title}” gekocht (bestelling {ref}) en de track-and-trace van "
            "{carrier} staat al een week stil. Wanneer komt het pakket aan?",
            "Je bestelling {ref} is verzonden met {carrier}. De bezorging kan tot 10 werkdagen "
            "duren; verandert de track-and-trace binnen 5 dagen niet, dan kun je het object via "
            "je pagina Bestellingen als niet ontvangen melden.",
        ),
        "damaged": (
            "Object beschadigd aangekomen ({ref})",
            "De „{title}” die ik vandaag ontving is beschadigd: de verpakking was ingedeukt en "
            "er zit een barst in. Ik wil graag een terugbetaling of een oplossing.",
            "Vervelend dat het object beschadigd is aangekomen. Meld het probleem binnen 3 "
            "dagen na bezorging via je pagina Bestellingen en voeg foto's van het object en de "
            "verpakking toe; de uitbetaling aan de verkoper wordt aangehouden zolang de melding "
            "openstaat.",
        ),
        "authenticity": (
            "Is dit object echt? {title}",
            "Voordat ik op „{title}” bied, wil ik weten of de echtheid is gecontroleerd en of er "
            "een certificaat bij zit.",
            "Volgens de beschrijving is „{title}” vóór plaatsing door onze expert beoordeeld. "
            "Een certificaat zit er alleen bij als de beschrijving dat vermeldt; je kunt de "
            "verkoper een vraag stellen via de objectpagina.",
        ),
        "shipping": (
            "Verzendkosten naar mijn land",
            "Wat kost het om „{title}” naar mijn adres te verzenden, en kan ik het ook ophalen?",
            "De verzendkosten staan op de objectpagina zodra je adres bekend is. Ophalen kan "
            "alleen als de verkoper dat in de advertentie aanbiedt.",
        ),
        "payout": (
            "Wanneer ontvang ik mijn uitbetaling?",
            "Ik heb twee weken geleden een object verkocht en de koper heeft de ontvangst "
            "bevestigd, maar ik heb nog niets ontvangen. Wanneer staat het geld op mijn "
            "rekening?",
            "Uitbetalingen worden vrijgegeven zodra de koper de ontvangst bevestigt, of "
            "automatisch enkele dagen na bezorging, en staan binnen 3 tot 5 werkdagen op je "
            "bankrekening.",
        ),
    },
    "it": {
        "delivery": (
            "Dov'è il mio ordine {ref}?",
            "Buongiorno, ho acquistato «{title}» (ordine {ref}) e il tracciamento di {carrier} "
            "è fermo da una settimana. Potete dirmi quando arriverà?",
            "Il tuo ordine {ref} è stato spedito con {carrier}. La consegna può richiedere fino "
            "a 10 giorni lavorativi; se il tracciamento non cambia entro 5 giorni, puoi "
            "segnalare l'oggetto come non ricevuto dalla pagina Ordini.",
        ),
        "damaged": (
            "Oggetto arrivato danneggiato ({ref})",
            "L'oggetto «{title}» ricevuto oggi è danneggiato: l'imballaggio era schiacciato e "
            "c'è una crepa. Vorrei un rimborso o una soluzione.",
            "Mi dispiace che l'oggetto sia arrivato danneggiato. Segnala il problema entro 3 "
            "giorni dalla consegna dalla pagina Ordini e aggiungi foto dell'oggetto e "
            "dell'imballaggio; il pagamento al venditore resta sospeso finché la segnalazione "
            "è aperta.",
        ),
        "authenticity": (
            "Questo lotto è autentico? {title}",
            "Prima di fare un'offerta per «{title}», vorrei sapere se l'autenticità è stata "
            "verificata e se è incluso un certificato.",
            "Secondo la descrizione, «{title}» è stato esaminato dal nostro esperto prima della "
            "pubblicazione. Il certificato è incluso solo se la descrizione lo indica; puoi "
            "fare una domanda al venditore dalla pagina dell'oggetto.",
        ),
        "shipping": (
            "Spese di spedizione verso il mio paese",
            "Quanto costa spedire «{title}» al mio indirizzo? Posso ritirarlo di persona?",
            "Le spese di spedizione compaiono nella pagina dell'oggetto una volta noto il tuo "
            "indirizzo. Il ritiro di persona è possibile solo se il venditore lo offre "
            "nell'annuncio.",
        ),
        "payout": (
            "Quando riceverò il mio pagamento?",
            "Ho venduto un oggetto due settimane fa e l'acquirente ha confermato la ricezione, "
            "ma non sono ancora stato pagato. Quando arriveranno i soldi sul mio conto?",
            "I pagamenti vengono sbloccati dopo la conferma di ricezione dell'acquirente, o "
            "automaticamente alcuni giorni dopo la consegna, e arrivano sul tuo conto bancario "
            "entro 3-5 giorni lavorativi.",
        ),
    },
    "es": {
        "delivery": (
            "¿Dónde está mi pedido {ref}?",
            "Hola, compré «{title}» (pedido {ref}) y el seguimiento de {carrier} no se ha movido "
            "desde hace una semana. ¿Podéis decirme cuándo llegará?",
            "Tu pedido {ref} se envió con {carrier}. La entrega puede tardar hasta 10 días "
            "hábiles; si el seguimiento no cambia en 5 días, puedes notificar el objeto como no "
            "recibido desde la página Pedidos.",
        ),
        "damaged": (
            "El objeto llegó dañado ({ref})",
            "El objeto «{title}» que recibí hoy está dañado: el embalaje estaba aplastado y "
            "tiene una grieta. Quiero un reembolso o una solución.",
            "Siento que el objeto haya llegado dañado. Notifica el problema en los 3 días "
            "siguientes a la entrega desde la página Pedidos y añade fotos del objeto y del "
            "embalaje; el pago al vendedor queda retenido mientras la reclamación esté abierta.",
        ),
        "authenticity": (
            "¿Es auténtico este lote? {title}",
            "Antes de pujar por «{title}», me gustaría saber si se ha comprobado su "
            "autenticidad y si incluye un certificado.",
            "Según la descripción, nuestro experto revisó «{title}» antes de publicarlo. Solo "
            "se incluye un certificado si la descripción lo indica; puedes preguntar al "
            "vendedor desde la página del objeto.",
        ),
        "shipping": (
            "Gastos de envío a mi país",
            "¿Cuánto cuesta enviar «{title}» a mi dirección? ¿Puedo recogerlo en persona?",
            "Los gastos de envío aparecen en la página del objeto cuando se conoce tu "
            "dirección. La recogida en persona solo es posible si el vendedor la ofrece en el "
            "anuncio.",
        ),
        "payout": (
            "¿Cuándo recibiré mi pago?",
            "Vendí un objeto hace dos semanas y el comprador confirmó la recepción, pero "
            "todavía no he cobrado. ¿Cuándo llegará el dinero a mi cuenta?",
            "Los pagos se liberan cuando el comprador confirma la recepción, o automáticamente "
            "unos días después de la entrega, y llegan a tu cuenta bancaria en 3 a 5 días "
            "hábiles.",
        ),
    },
    "pt": {
        "delivery": (
            "Onde está a minha encomenda {ref}?",
            "Olá, comprei «{title}» (encomenda {ref}) e o seguimento da {carrier} não muda há "
            "uma semana. Podem dizer-me quando vai chegar?",
            "A sua encomenda {ref} foi enviada com a {carrier}. A entrega pode demorar até 10 "
            "dias úteis; se o seguimento não mudar em 5 dias, pode comunicar o objeto como não "
            "recebido na página Encomendas.",
        ),
        "damaged": (
            "O objeto chegou danificado ({ref})",
            "O objeto «{title}» que recebi hoje está danificado: a embalagem estava amachucada "
            "e tem uma rachadura. Gostaria de um reembolso ou de uma solução.",
            "Lamento que o objeto tenha chegado danificado. Comunique o problema nos 3 dias "
            "seguintes à entrega na página Encomendas e junte fotografias do objeto e da "
            "embalagem; o pagamento ao vendedor fica retido enquanto a reclamação estiver "
            "aberta.",
        ),
        "authenticity": (
            "Este lote é autêntico? {title}",
            "Antes de licitar «{title}», gostaria de saber se a autenticidade foi verificada e "
            "se inclui certificado.",
            "Segundo a descrição, «{title}» foi examinado pelo nosso especialista antes de ser "
            "publicado. O certificado só está incluído se a descrição o indicar; pode fazer uma "
            "pergunta ao vendedor na página do objeto.",
        ),
        "shipping": (
            "Portes de envio para o meu país",
            "Quanto custa enviar «{title}» para a minha morada? Posso levantá-lo pessoalmente?",
            "Os portes de envio aparecem na página do objeto quando a sua morada é conhecida. "
            "O levantamento pessoal só é possível se o vendedor o oferecer no anúncio.",
        ),
        "payout": (
            "Quando vou receber o meu pagamento?",
            "Vendi um objeto há duas semanas e o comprador confirmou a receção, mas ainda não "
            "fui pago. Quando chega o dinheiro à minha conta?",
            "Os pagamentos são libertados depois de o comprador confirmar a receção, ou "
            "automaticamente alguns dias após a entrega, e chegam à sua conta bancária em 3 a "
            "5 dias úteis.",
        ),
    },
    "pl": {
        "delivery": (
            "Gdzie jest moje zamówienie {ref}?",
            "Dzień dobry, kupiłem „{title}” (zamówienie {ref}), a status przesyłki {carrier} "
            "nie zmienił się od tygodnia. Kiedy paczka dotrze?",
            "Twoje zamówienie {ref} zostało wysłane przez {carrier}. Dostawa może potrwać do 10 "
            "dni roboczych; jeśli status przesyłki nie zmieni się w ciągu 5 dni, możesz zgłosić "
            "brak przedmiotu na stronie Zamówienia.",
        ),
        "damaged": (
            "Przedmiot dotarł uszkodzony ({ref})",
            "Przedmiot „{title}”, który dziś otrzymałem, jest uszkodzony: opakowanie było "
            "zgniecione i jest pęknięcie. Proszę o zwrot pieniędzy albo inne rozwiązanie.",
            "Przykro mi, że przedmiot dotarł uszkodzony. Zgłoś problem w ciągu 3 dni od dostawy "
            "na stronie Zamówienia i dodaj zdjęcia przedmiotu oraz opakowania; wypłata dla "
            "sprzedawcy jest wstrzymana, dopóki zgłoszenie jest otwarte.",
        ),
        "authenticity": (
            "Czy ten przedmiot jest autentyczny? {title}",
            "Zanim złożę ofertę na „{title}”, chciałbym wiedzieć, czy sprawdzono jego "
            "autentyczność i czy dołączony jest certyfikat.",
            "Według opisu „{title}” został sprawdzony przez naszego eksperta przed wystawieniem. "
            "Certyfikat jest dołączony tylko wtedy, gdy wspomina o nim opis; możesz zadać "
            "pytanie sprzedawcy na stronie przedmiotu.",
        ),
        "shipping": (
            "Koszt wysyłki do mojego kraju",
            "Ile kosztuje wysyłka „{title}” na mój adres i czy mogę odebrać przedmiot osobiście?",
            "Koszt wysyłki jest widoczny na stronie przedmiotu, gdy znany jest Twój adres. "
            "Odbiór osobisty jest możliwy tylko wtedy, gdy sprzedawca oferuje go w ogłoszeniu.",
        ),
        "payout": (
            "Kiedy otrzymam wypłatę?",
            "Dwa tygodnie temu sprzedałem przedmiot i kupujący potwierdził odbiór, ale nadal nie "
            "otrzymałem pieniędzy. Kiedy trafią na moje konto?",
            "Wypłaty są zwalniane po potwierdzeniu odbioru przez kupującego lub automatycznie "
            "kilka dni po dostawie i trafiają na Twoje konto bankowe w ciągu 3–5 dni roboczych.",
        ),
    },
    "zh": {
        "delivery": (
            "我的订单 {ref} 在哪里？",
            "您好，我购买了“{title}”（订单 {ref}），但 {carrier} 的物流信息已经一周没有更新了。"
            "请问什么时候能到？",
            "您的订单 {ref} 已通过 {carrier} 发货。配送最多可能需要 10 个工作日；如果 5 天内物流"
            "信息仍无变化，您可以在“订单”页面将该物品报告为未收到。",
        ),
        "damaged": (
            "收到的物品已损坏（{ref}）",
            "我今天收到的“{title}”已经损坏：包装被压扁，物品上有一道裂痕。我希望退款或得到解决"
            "方案。",
            "很抱歉物品到达时已损坏。请在签收后 3 天内通过“订单”页面报告问题，并附上物品和包装的"
            "照片；在处理期间，卖家的货款将被暂时冻结。",
        ),
        "authenticity": (
            "这件拍品是真品吗？{title}",
            "在对“{title}”出价之前，我想知道它的真伪是否经过鉴定，是否附有证书。",
            "根据描述，“{title}”在上架前已由我们的专家审核。只有在描述中注明时才附有证书；您可以"
            "在物品页面向卖家提问。",
        ),
        "shipping": (
            "寄往我所在国家的运费",
            "把“{title}”寄到我的地址需要多少运费？可以自取吗？",
            "确定您的地址后，运费会显示在物品页面上。只有卖家在刊登信息中提供自取时，才可以自取。",
        ),
        "payout": (
            "我什么时候能收到货款？",
            "我两周前卖出了一件物品，买家也已确认收货，但我还没有收到钱。货款什么时候到账？",
            "买家确认收货后，或在送达几天后自动放款，货款将在 3 到 5 个工作日内到达您的银行账户。",
        ),
    },
    "sv": {
        "delivery": (
            "Var är min beställning {ref}?",
            "Hej, jag köpte ”{title}” (beställning {ref}) och spårningen hos {carrier} har inte "
            "ändrats på en vecka. När kommer paketet?",
            "Din beställning {ref} skickades med {carrier}. Leveransen kan ta upp till 10 "
            "arbetsdagar; om spårningen inte ändras inom 5 dagar kan du anmäla föremålet som ej "
            "mottaget på sidan Beställningar.",
        ),
        "authenticity": (
            "Är detta föremål äkta? {title}",
            "Innan jag lägger ett bud på ”{title}” vill jag veta om äktheten har kontrollerats "
            "och om det följer med ett certifikat.",
            "Enligt beskrivningen granskades ”{title}” av vår expert innan det lades ut. Ett "
            "certifikat ingår bara om beskrivningen nämner det; du kan ställa en fråga till "
            "säljaren på föremålets sida.",
        ),
        "payout": (
            "När får jag min utbetalning?",
            "Jag sålde ett föremål för två veckor sedan och köparen har bekräftat mottagandet, "
            "men jag har fortfarande inte fått betalt. När kommer pengarna till mitt konto?",
            "Utbetalningar frigörs när köparen bekräftar mottagandet, eller automatiskt några "
            "dagar efter leveransen, och når ditt bankkonto inom 3–5 arbetsdagar.",
        ),
    },
    "cs": {
        "delivery": (
            "Kde je moje objednávka {ref}?",
            "Dobrý den, koupil jsem „{title}“ (objednávka {ref}) a sledování zásilky u "
            "{carrier} se týden nezměnilo. Kdy balík dorazí?",
            "Vaše objednávka {ref} byla odeslána přes {carrier}. Doručení může trvat až 10 "
            "pracovních dní; pokud se sledování do 5 dnů nezmění, můžete předmět na stránce "
            "Objednávky nahlásit jako nedoručený.",
        ),
        "authenticity": (
            "Je tento předmět pravý? {title}",
            "Než přihodím na „{title}“, chtěl bych vědět, zda byla ověřena pravost a zda je "
            "přiložen certifikát.",
            "Podle popisu předmět „{title}“ před zveřejněním posoudil náš odborník. Certifikát "
            "je přiložen, jen pokud to uvádí popis; prodejci můžete položit dotaz na stránce "
            "předmětu.",
        ),
        "payout": (
            "Kdy dostanu výplatu?",
            "Před dvěma týdny jsem prodal předmět a kupující potvrdil převzetí, ale stále jsem "
            "nedostal peníze. Kdy dorazí na můj účet?",
            "Výplaty se uvolní, jakmile kupující potvrdí převzetí, nebo automaticky několik dní "
            "po doručení, a na váš bankovní účet dorazí do 3–5 pracovních dnů.",
        ),
    },
    "da": {
        "delivery": (
            "Hvor er min ordre {ref}?",
            "Hej, jeg købte »{title}« (ordre {ref}), og sporingen hos {carrier} har ikke ændret "
            "sig i en uge. Hvornår kommer pakken?",
            "Din ordre {ref} blev sendt med {carrier}. Levering kan tage op til 10 hverdage; "
            "hvis sporingen ikke ændrer sig inden for 5 dage, kan du melde varen som ikke "
            "modtaget på siden Ordrer.",
        ),
        "authenticity": (
            "Er denne genstand ægte? {title}",
            "Før jeg byder på »{title}«, vil jeg gerne vide, om ægtheden er kontrolleret, og om "
            "der følger et certifikat med.",
            "Ifølge beskrivelsen blev »{title}« gennemgået af vores ekspert, før den blev sat "
            "til salg. Et certifikat følger kun med, hvis beskrivelsen nævner det; du kan stille "
            "sælgeren et spørgsmål på genstandens side.",
        ),
        "payout": (
            "Hvornår får jeg min udbetaling?",
            "Jeg solgte en genstand for to uger siden, og køberen har bekræftet modtagelsen, "
            "men jeg har stadig ikke fået penge. Hvornår kommer de ind på min konto?",
            "Udbetalinger frigives, når køberen bekræfter modtagelsen, eller automatisk nogle "
            "dage efter levering, og når din bankkonto inden for 3–5 hverdage.",
        ),
    },
}

# The agent's first reply, in the language the ticket is handled in (`{name}`: the customer).
AGENT_REPLIES: Final[dict[str, str]] = {
    "en": "Hello {name}, thank you for your patience. I have looked into your request and will "
    "keep you informed here. Kind regards, the support team",
    "fr": "Bonjour {name}, merci de votre patience. J'ai examiné votre demande et je vous "
    "tiendrai informé ici. Cordialement, l'équipe support",
    "de": "Hallo {name}, vielen Dank für Ihre Geduld. Ich habe Ihre Anfrage geprüft und halte "
    "Sie hier auf dem Laufenden. Viele Grüße, Ihr Support-Team",
    "nl": "Hallo {name}, bedankt voor je geduld. Ik heb je vraag bekeken en houd je hier op de "
    "hoogte. Met vriendelijke groet, het supportteam",
    "it": "Buongiorno {name}, grazie per la pazienza. Ho verificato la tua richiesta e ti terrò "
    "aggiornato qui. Cordiali saluti, il team di assistenza",
    "es": "Hola {name}, gracias por tu paciencia. He revisado tu solicitud y te mantendré "
    "informado aquí. Un saludo, el equipo de soporte",
    "pt": "Olá {name}, obrigado pela sua paciência. Analisei o seu pedido e vou mantê-lo "
    "informado aqui. Com os melhores cumprimentos, a equipa de apoio",
    "pl": "Dzień dobry {name}, dziękujemy za cierpliwość. Sprawdziłem Twoje zgłoszenie i będę "
    "Cię tutaj informować. Pozdrawiam, zespół obsługi klienta",
    "zh": "{name}，您好，感谢您的耐心等待。我已查看您的请求，"
    "并会在这里随时告知您进展。客服团队敬上",
}

# Tag variants the help center sends for each language (`requested_language` keeps them).
LANGUAGE_TAGS: Final[dict[str, tuple[str, ...]]] = {
    "en": ("en", "en-GB", "en-IE"),
    "fr": ("fr", "fr-FR", "fr-BE", "fr-CH"),
    "de": ("de", "de-DE", "de-AT", "de-CH"),
    "nl": ("nl", "nl-NL", "nl-BE"),
    "it": ("it", "it-IT"),
    "es": ("es", "es-ES"),
    "pt": ("pt", "pt-PT", "pt-BR"),
    "pl": ("pl", "pl-PL"),
    "zh": ("zh", "zh-CN", "zh-Hans-CN"),
    "sv": ("sv", "sv-SE"),
    "cs": ("cs", "cs-CZ"),
    "da": ("da", "da-DK"),
}

# How often each language reaches support, roughly (weights, not percentages).
LANGUAGE_WEIGHTS: Final[dict[str, int]] = {
    "en": 16, "fr": 14, "de": 14, "nl": 12, "it": 9, "es": 9,
    "pl": 6, "pt": 6, "zh": 5, "sv": 3, "cs": 3, "da": 3,
}  # fmt: skip

COUNTRIES: Final[dict[str, tuple[str, ...]]] = {
    "en": ("IE", "GB", "MT"),
    "fr": ("FR", "FR", "BE", "LU", "CH"),
    "de": ("DE", "DE", "AT", "CH"),
    "nl": ("NL", "NL", "BE"),
    "it": ("IT",),
    "es": ("ES",),
    "pt": ("PT", "PT", "BR"),
    "pl": ("PL",),
    "zh": ("CN", "HK", "NL", "FR"),
    "sv": ("SE",),
    "cs": ("CZ",),
    "da": ("DK",),
}

# (first names, family names); Chinese names are (display, romanised) pairs.
NAMES: Final[dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "en": (
        ("Aoife", "Liam", "Grace", "Conor", "Olivia", "James", "Niamh", "Thomas"),
        ("Murphy", "Kelly", "Walsh", "Smith", "Byrne", "Taylor", "Ryan", "Evans"),
    ),
    "fr": (
        ("Camille", "Louis", "Chloé", "Hugo", "Léa", "Gabriel", "Manon", "Étienne"),
        ("Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard", "Fontaine", "Roux"),
    ),
    "de": (
        ("Lukas", "Anna", "Jonas", "Lea", "Felix", "Marie", "Paul", "Jürgen"),
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Wagner", "Krüger"),
    ),
    "nl": (
        ("Daan", "Sanne", "Bram", "Femke", "Joris", "Lotte", "Ruben", "Noor"),
        ("de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "de Boer", "Mulder"),
    ),
    "it": (
        ("Giulia", "Lorenzo", "Sofia", "Matteo", "Chiara", "Alessandro", "Francesca", "Niccolò"),
        ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci"),
    ),
    "es": (
        ("Lucía", "Hugo", "Martina", "Pablo", "Sofía", "Álvaro", "Carmen", "Javier"),
        ("García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz"),
    ),
    "pt": (
        ("João", "Beatriz", "Tiago", "Mariana", "Rafael", "Inês", "Gonçalo", "Ana"),
        ("Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Sousa"),
    ),
    "pl": (
        ("Katarzyna", "Piotr", "Agnieszka", "Tomasz", "Magdalena", "Paweł", "Zofia", "Łukasz"),
        ("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamińska", "Lewandowski", "Zieliński",
         "Szymańska"),
    ),
    "zh": (
        ("伟|Wei", "芳|Fang", "磊|Lei", "静|Jing", "敏|Min", "杰|Jie", "丽|Li", "强|Qiang"),
        ("王|Wang", "李|Li", "张|Zhang", "刘|Liu", "陈|Chen", "杨|Yang", "黄|Huang", "赵|Zhao"),
    ),
    "sv": (
        ("Erik", "Astrid", "Oskar", "Elsa", "Nils", "Maja", "Lars", "Ingrid"),
        ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
         "Lindqvist"),
    ),
    "cs": (
        ("Jan", "Tereza", "Jakub", "Eliška", "Petr", "Lucie", "Martin", "Kateřina"),
        ("Novák", "Svoboda", "Novotný", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý"),
    ),
    "da": (
        ("Mads", "Freja", "Rasmus", "Ida", "Søren", "Karen", "Mikkel", "Astrid"),
        ("Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
         "Sørensen"),
    ),
}  # fmt: skip

# category → (titles, price range in euro cents)
LOTS: Final[dict[str, tuple[tuple[str, ...], tuple[int, int]]]] = {
    "art": (
        (
            "Oil on canvas, Dutch polder landscape with windmill, signed, c. 1920",
            "Lithograph after Joan Miró, numbered 45/150",
            "Watercolour, Venice, Grand Canal at dusk, framed",
            "Bronze sculpture, dancer, Art Deco, marble base",
            "Etching, Paris rooftops, pencil signed",
            "Abstract acrylic on panel, 2019, certificate from the artist",
        ),
        (8_000, 450_000),
    ),
    "watches": (
        (
            "Omega Seamaster 300, steel, cal. 552, 1962",
            "Rolex Oyster Perpetual Date 1500, 1971",
            "Seiko 6139 Pogue chronograph, 1973",
            "Longines Conquest, automatic, 1958",
            "Tudor Submariner 7928, service papers",
            "Jaeger-LeCoultre Memovox alarm, 1965",
        ),
        (15_000, 1_200_000),
    ),
    "coins": (
        (
            "France, 20 francs Napoléon III, gold, 1858 A",
            "Netherlands, 10 gulden Wilhelmina, gold, 1917",
            "Roman Empire, denarius of Hadrian, silver",
            "Germany, 5 Mark Kaiserreich Prussia, 1876 A",
            "Spain, 8 reales Carlos IV, Mexico mint, 1797",
            "Euro proof set, Vatican City, 2005",
        ),
        (2_000, 180_000),
    ),
    "comics": (
        (
            "Tintin, On a marché sur la Lune, first edition 1954",
            "Astérix le Gaulois, Dargaud, 1961",
            "Spirou et Fantasio, Z comme Zorglub, 1961",
            "Blake et Mortimer, La Marque jaune, EO",
            "Suske en Wiske, De Vliegende Aap, first print",
            "Lucky Luke, original drawing by Morris, signed",
        ),
        (1_500, 250_000),
    ),
    "wine": (
        (
            "Château Margaux 2005, 1 bottle (75cl)",
            "Barolo Riserva Monfortino 2010, Giacomo Conterno",
            "Vega Sicilia Único 2009, 3 bottles",
            "Taylor's Vintage Port 1977, 2 bottles",
            "Domaine de la Romanée-Conti Échezeaux 2014",
            "Champagne Krug Grande Cuvée, 6 bottles",
        ),
        (6_000, 600_000),
    ),
    "jewellery": (
        (
            "18k gold ring with 0.50 ct diamond, IGI certificate",
            "Art Nouveau silver brooch with enamel, c. 1905",
            "Cartier Love bracelet, 18k yellow gold",
            "Pearl necklace, Akoya, 14k gold clasp",
            "Sapphire and diamond earrings, platinum",
            "Victorian mourning locket, gold and jet",
        ),
        (5_000, 800_000),
    ),
    "stamps": (
        (
            "Netherlands 1852, first issue, complete set, used",
            "Belgium, Léopold I epaulettes, 1849",
            "Germany, Inflation collection 1919-1923, album",
            "Great Britain, Penny Black, plate 5, four margins",
            "France, Cérès 1849, 1 franc vermilion",
            "Poland, Warsaw Uprising local post, 1944",
        ),
        (1_000, 120_000),
    ),
    "design": (
        (
            "Gerrit Rietveld Zig-Zag chair, Cassina",
            "Poul Henningsen PH5 pendant lamp, Louis Poulsen",
            "Eames Lounge Chair and Ottoman, Herman Miller",
            "Arne Jacobsen Egg chair, Fritz Hansen, leather",
            "Achille Castiglioni Arco floor lamp, Flos",
            "Hans J. Wegner Wishbone chairs, set of four",
        ),
        (10_000, 900_000),
    ),
    "toys": (
        (
            "Märklin Hbo locomotive BR 01, boxed",
            "LEGO 10179 Ultimate Collector's Millennium Falcon, sealed",
            "Dinky Toys Jaguar E-Type, 1960s, boxed",
            "Steiff teddy bear, button in ear, 1950s",
            "Corgi James Bond Aston Martin DB5",
            "Meccano Set No. 10, complete",
        ),
        (2_500, 150_000),
    ),
    "books": (
        (
            "Hergé, Les Aventures de Tintin au Congo, 1937",
            "Antoine de Saint-Exupéry, Le Petit Prince, 1946, Gallimard",
            "Atlas Maior, Joan Blaeu, facsimile, 9 volumes",
            "Goethe, Faust, first collected edition, 1808",
            "Dante, La Divina Commedia, illustrated by Doré",
            "Harry Potter and the Philosopher's Stone, first edition, 1997",
        ),
        (2_000, 400_000),
    ),
    "cameras": (
        (
            "Leica M3 with Summicron 50mm f/2",
            "Hasselblad 500C/M with Planar 80mm",
            "Rolleiflex 2.8F, Planar lens",
            "Nikon F2 Photomic, chrome",
            "Contax G2 with Zeiss 45mm",
            "Canon AE-1 Program with 50mm f/1.8",
        ),
        (8_000, 350_000),
    ),
    "vinyl": (
        (
            "The Beatles, Please Please Me, Parlophone gold label, UK 1963",
            "Miles Davis, Kind of Blue, Columbia six-eye, 1959",
            "Pink Floyd, The Dark Side of the Moon, first pressing",
            "Kraftwerk, Autobahn, Philips, 1974",
            "Jacques Brel, Ne me quitte pas, Barclay",
            "Fela Kuti, Zombie, Coconut, 1976",
        ),
        (1_000, 90_000),
    ),
}

CONDITIONS: Final = ("mint", "very good", "good", "with signs of use", "restored")

# Carriers by the seller's country; tracking numbers are made in their usual shapes.
CARRIERS: Final[dict[str, tuple[str, ...]]] = {
    "NL": ("PostNL", "DHL"),
    "BE": ("bpost", "DPD"),
    "FR": ("Colissimo", "Chronopost", "Mondial Relay"),
    "DE": ("DHL", "Hermes", "DPD"),
    "AT": ("Österreichische Post", "DPD"),
    "CH": ("Swiss Post",),
    "IT": ("Poste Italiane", "BRT", "GLS"),
    "ES": ("Correos", "SEUR"),
    "PT": ("CTT", "DPD"),
    "PL": ("InPost", "Poczta Polska", "DPD"),
    "IE": ("An Post", "DPD"),
    "GB": ("Royal Mail", "DPD"),
    "SE": ("PostNord",),
    "DK": ("PostNord", "GLS"),
    "CZ": ("Česká pošta", "PPL"),
}
DEFAULT_CARRIERS: Final = ("UPS", "FedEx", "DHL Express")

# Currency of a seller in a country outside the euro area (everything else is in euro).
CURRENCIES: Final[dict[str, tuple[str, int]]] = {
    # currency, and roughly how many of its minor units make one euro cent times 100
    "PL": ("PLN", 430),
    "CH": ("CHF", 95),
    "SE": ("SEK", 1150),
    "DK": ("DKK", 745),
    "CZ": ("CZK", 2500),
    "GB": ("GBP", 85),
}

DISPUTE_CLAIMS: Final[dict[str, tuple[str, str]]] = {
    # kind → (buyer's claim, seller's claim), as the parties wrote them in the dispute form
    "not_received": (
        "The parcel never arrived. Tracking has shown 'in transit' for three weeks.",
        "I shipped within two days with tracking; the carrier confirms it left the depot.",
    ),
    "not_as_described": (
        "The listing said original parts, but the item has been repainted and one part is a "
        "reproduction.",
        "Everything was described and photographed; the buyer changed their mind.",
    ),
    "damaged": (
        "It arrived broken. The box was crushed and there was no padding inside.",
        "It was packed in bubble wrap and a double box; the damage happened in transit.",
    ),
    "withdrawal": (
        "I withdrew within 14 days as the seller is a professional and sent the item back, "
        "but no refund yet.",
        "The returned item is not in the condition in which it was sent.",
    ),
    "refund_not_received": (
        "The seller agreed to refund me two weeks ago and I have received nothing.",
        "I refunded through the platform on the day we agreed; please check the payment.",
    ),
}

APPEAL_INFORMATION: Final[dict[str, str]] = {
    "buyer": "New information: an independent expert's report, received after the decision, "
    "says the item was restored before the sale.",
    "seller": "New information: the carrier has now confirmed delivery with the buyer's "
    "signature; proof of delivery attached.",
}

TS_ADVICE: Final = (
    "Trust & Safety advice: the serial number in the photos does not match the period stated "
    "in the listing; treat as a possible counterfeit and keep the evidence pack complete.",
    "Trust & Safety advice: the seller has three similar disputes this month; check for a "
    "pattern before deciding, and consider a payout hold.",
    "Trust & Safety advice: the buyer's account was created recently and the delivery address "
    "differs from the billing country; ask for a photo of the parcel label.",
)
