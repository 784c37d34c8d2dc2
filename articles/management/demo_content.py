"""Demo content for `manage.py load_demo`: plain data, no database access.

Everything here is invented for this project: the towns, the river ports, the
observatory, the museum and the people are fictional. The texts were written
for the demo in each language.

Shape of the data
-----------------
SECTIONS   key (the English slug, used to find the row again), position,
           name per language (all 14), slug per Latin-script language.
AUTHORS    names.
ARTICLES   key (ASCII, names the photo file and seeds its picture), section
           key, author names, source_language, hours_ago (None for a draft),
           is_published, photo (credit, copyright holder, colours, band style,
           caption and alt text per language) and text per language
           (title, summary, body and, for Latin-script languages, slug).

Slugs are given explicitly only for Latin-script languages. For Chinese,
Japanese, Russian, Greek and Sanskrit the command leaves the slug to
``articles.domain.slugs.slug_from(title)``, as the admin does.
"""

from __future__ import annotations

# Languages whose slugs are written here by hand (ASCII); the others get
# their slug from the title.
LATIN_SCRIPT_LANGUAGES: frozenset[str] = frozenset(
    {"en", "fr", "id", "de", "pt", "es", "it", "fi", "la"}
)


SECTIONS: list[dict] = [
    {
        "key": "world",
        "position": 0,
        "name": {
            "zh-hans": "国际",
            "ru": "Мир",
            "en": "World",
            "fr": "Monde",
            "id": "Dunia",
            "sa": "विश्वम्",
            "ja": "国際",
            "de": "Welt",
            "pt": "Mundo",
            "el": "Κόσμος",
            "es": "Mundo",
            "it": "Mondo",
            "fi": "Maailma",
            "la": "Orbis terrarum",
        },
        "slug": {
            "en": "world",
            "fr": "monde",
            "id": "dunia",
            "de": "welt",
            "pt": "mundo",
            "es": "mundo",
            "it": "mondo",
            "fi": "maailma",
            "la": "orbis-terrarum",
        },
    },
    {
        "key": "culture",
        "position": 1,
        "name": {
            "zh-hans": "文化",
            "ru": "Культура",
            "en": "Culture",
            "fr": "Culture",
            "id": "Budaya",
            "sa": "संस्कृतिः",
            "ja": "文化",
            "de": "Kultur",
            "pt": "Cultura",
            "el": "Πολιτισμός",
            "es": "Cultura",
            "it": "Cultura",
            "fi": "Kulttuuri",
            "la": "Artes et litterae",
        },
        "slug": {
            "en": "culture",
            "fr": "culture",
            "id": "budaya",
            "de": "kultur",
            "pt": "cultura",
            "es": "cultura",
            "it": "cultura",
            "fi": "kulttuuri",
            "la": "artes-et-litterae",
        },
    },
    {
        "key": "science",
        "position": 2,
        "name": {
            "zh-hans": "科学",
            "ru": "Наука",
            "en": "Science",
            "fr": "Sciences",
            "id": "Sains",
            "sa": "विज्ञानम्",
            "ja": "科学",
            "de": "Wissenschaft",
            "pt": "Ciência",
            "el": "Επιστήμη",
            "es": "Ciencia",
            "it": "Scienza",
            "fi": "Tiede",
            "la": "Scientia",
        },
        "slug": {
            "en": "science",
            "fr": "sciences",
            "id": "sains",
            "de": "wissenschaft",
            "pt": "ciencia",
            "es": "ciencia",
            "it": "scienza",
            "fi": "tiede",
            "la": "scientia",
        },
    },
    {
        "key": "sport",
        "position": 3,
        "name": {
            "zh-hans": "体育",
            "ru": "Спорт",
            "en": "Sport",
            "fr": "Sport",
            "id": "Olahraga",
            "sa": "क्रीडा",
            "ja": "スポーツ",
            "de": "Sport",
            "pt": "Desporto",
            "el": "Αθλητισμός",
            "es": "Deportes",
            "it": "Sport",
            "fi": "Urheilu",
            "la": "Certamina",
        },
        "slug": {
            "en": "sport",
            "fr": "sport",
            "id": "olahraga",
            "de": "sport",
            "pt": "desporto",
            "es": "deportes",
            "it": "sport",
            "fi": "urheilu",
            "la": "certamina",
        },
    },
]


AUTHORS: list[str] = [
    "Inês Carvalhal",
    "Daniel Whitcombe",
    "周清怡",
    "Aurelio Fenestri",
    "Madhavi Shastri",
]


ARTICLES: list[dict] = [
    # --- 1. All fourteen languages -------------------------------------------
    {
        "key": "orsanto-comet",
        "section": "science",
        "authors": ["Daniel Whitcombe", "Aurelio Fenestri"],
        "source_language": "en",
        "hours_ago": 5,
        "is_published": True,
        "photo": {
            "credit": "Marta Quental/Newsroom",
            "copyright_holder": "Newsroom",
            "colours": ((14, 22, 58), (44, 70, 130), (214, 172, 72)),
            "bands": "slanted",
            "caption": {
                "zh-hans": "夜空下的奥尔桑托天文台圆顶（示意图）",
                "ru": "Купол обсерватории Орсанто под ночным небом (иллюстрация).",
                "en": "The dome of the Orsanto Observatory under the night sky. (Illustration)",
                "fr": "La coupole de l'observatoire d'Orsanto sous le ciel nocturne "
                "(illustration).",
                "id": "Kubah Observatorium Orsanto di bawah langit malam (ilustrasi).",
                "sa": "रात्रौ ओर्सान्तो-वेधशालायाः गोलशिखरम् (कल्पितं चित्रम्)",
                "ja": "夜空の下のオルサント天文台のドーム（イメージ）",
                "de": "Die Kuppel der Sternwarte Orsanto unter dem Nachthimmel (Illustration).",
                "pt": "A cúpula do observatório de Orsanto sob o céu noturno (ilustração).",
                "el": "Ο θόλος του Αστεροσκοπείου Ορσάντο κάτω από τον νυχτερινό ουρανό "
                "(εικονογράφηση).",
                "es": "La cúpula del observatorio de Orsanto bajo el cielo nocturno (ilustración).",
                "it": "La cupola dell'osservatorio di Orsanto sotto il cielo notturno "
                "(illustrazione).",
                "fi": "Orsanton tähtitornin kupoli yötaivasta vasten (kuvitus).",
                "la": "Tholus speculae Orsantinae sub caelo nocturno (imago ficta).",
            },
            "alt_text": {
                "zh-hans": "抽象插图：深蓝与金色的渐变，叠加着圆形和色带。",
                "ru": "Абстрактная иллюстрация в тёмно-синих и золотых тонах "
                "с перекрывающимися кругами и полосами.",
                "en": "Abstract illustration in midnight blue and gold, with overlapping circles "
                "and bands.",
                "fr": "Illustration abstraite en bleu nuit et or, avec des cercles et des bandes "
                "qui se superposent.",
                "id": "Ilustrasi abstrak berwarna biru malam dan emas, dengan lingkaran dan pita "
                "yang saling bertumpuk.",
                "sa": "अमूर्तचित्रम् — गाढनीलवर्णः सुवर्णवर्णः च, वृत्तैः पट्टिकाभिः च युक्तम्।",
                "ja": "抽象的なイラスト：濃紺と金色のグラデーションに、円と帯が重なっている。",
                "de": "Abstrakte Illustration in Nachtblau und Gold mit sich überlagernden Kreisen "
                "und Streifen.",
                "pt": "Ilustração abstrata em azul-noite e dourado, com círculos e faixas "
                "sobrepostos.",
                "el": "Αφηρημένη εικονογράφηση σε μπλε της νύχτας και χρυσό, με κύκλους και "
                "λωρίδες που επικαλύπτονται.",
                "es": "Ilustración abstracta en azul noche y dorado, con círculos y franjas "
                "superpuestos.",
                "it": "Illustrazione astratta in blu notte e oro, con cerchi e fasce sovrapposti.",
                "fi": "Abstrakti kuvitus yönsinisin ja kultaisin sävyin, päällekkäisiä ympyröitä "
                "ja raitoja.",
                "la": "Imago abstracta coloribus caeruleo nocturno et aureo, cum circulis et "
                "fasciis.",
            },
        },
        "text": {
            "zh-hans": {
                "title": "奥尔桑托天文台志愿者发现一颗新彗星",
                "summary": "这颗暗弱的彗星预计下个月可用双筒望远镜看到。",
                "body": (
                    "<p>奥尔桑托天文台的志愿者于周二晚间发现了一颗非常暗弱的新彗星。"
                    "这座小型天文台由当地教师和他们的学生共同管理。</p>"
                    "<p>预计下个月，人们可以在傍晚的天空中用双筒望远镜看到这颗彗星。"
                    "其他国家的天文学家已经证实了这一观测结果。</p>"
                ),
            },
            "ru": {
                "title": "Волонтёры обсерватории Орсанто открыли новую комету",
                "summary": "Слабую комету можно будет увидеть в бинокль в следующем месяце.",
                "body": (
                    "<p>Волонтёры обсерватории Орсанто во вторник вечером открыли новую, "
                    "очень слабую комету. Небольшой обсерваторией руководят местные учителя "
                    "вместе со своими учениками.</p>"
                    "<p>В следующем месяце комету можно будет увидеть в бинокль на вечернем "
                    "небе. Астрономы из других стран уже подтвердили наблюдение.</p>"
                ),
            },
            "en": {
                "title": "Volunteers at the Orsanto Observatory discover a new comet",
                "slug": "orsanto-observatory-volunteers-discover-comet",
                "summary": "The faint comet should be visible through binoculars next month.",
                "body": (
                    "<p>Volunteers at the Orsanto Observatory discovered a faint new comet on "
                    "Tuesday night. The small observatory is run by local teachers and their "
                    "students.</p>"
                    "<p>The comet should be visible through binoculars in the evening sky next "
                    "month. Astronomers in other countries have already confirmed the "
                    "observation.</p>"
                ),
            },
            "fr": {
                "title": "Des bénévoles de l'observatoire d'Orsanto découvrent une nouvelle comète",
                "slug": "benevoles-observatoire-orsanto-nouvelle-comete",
                "summary": "La comète, encore faible, devrait être visible aux jumelles le mois "
                "prochain.",
                "body": (
                    "<p>Des bénévoles de l'observatoire d'Orsanto ont découvert mardi soir une "
                    "nouvelle comète, encore très faible. Ce petit observatoire est géré par des "
                    "enseignants de la région et leurs élèves.</p>"
                    "<p>La comète devrait être visible aux jumelles dans le ciel du soir le mois "
                    "prochain. Des astronomes d'autres pays ont déjà confirmé l'observation.</p>"
                ),
            },
            "id": {
                "title": "Relawan Observatorium Orsanto temukan komet baru",
                "slug": "relawan-observatorium-orsanto-temukan-komet-baru",
                "summary": "Komet yang redup itu diperkirakan dapat dilihat dengan teropong "
                "bulan depan.",
                "body": (
                    "<p>Para relawan di Observatorium Orsanto menemukan sebuah komet baru yang "
                    "sangat redup pada Selasa malam. Observatorium kecil itu dikelola oleh "
                    "guru-guru setempat bersama murid-murid mereka.</p>"
                    "<p>Komet tersebut diperkirakan dapat dilihat dengan teropong di langit senja "
                    "bulan depan. Para astronom dari negara lain telah mengonfirmasi pengamatan "
                    "itu.</p>"
                ),
            },
            "sa": {
                "title": "ओर्सान्तो-वेधशालायाः स्वयंसेवकाः नूतनं धूमकेतुम् आविष्कृतवन्तः",
                "summary": "क्षीणप्रभः अयं धूमकेतुः आगामिमासे लघुदूरदर्शकेन द्रष्टुं शक्यः भविष्यति।",
                "body": (
                    "<p>ओर्सान्तो-वेधशालायाः स्वयंसेवकाः मङ्गलवासरे रात्रौ अतीव क्षीणप्रभं "
                    "नूतनं धूमकेतुम् आविष्कृतवन्तः। एतां लघुवेधशालां स्थानीयाः अध्यापकाः "
                    "स्वीयैः छात्रैः सह सञ्चालयन्ति।</p>"
                    "<p>आगामिमासे सायङ्काले आकाशे अयं धूमकेतुः लघुदूरदर्शकेन द्रष्टुं शक्यः "
                    "भविष्यति। अन्यदेशीयाः खगोलविदः पूर्वम् एव एतत् निरीक्षणं "
                    "समर्थितवन्तः।</p>"
                ),
            },
            "ja": {
                "title": "オルサント天文台のボランティアが新彗星を発見",
                "summary": "淡い彗星は来月、双眼鏡で見られる見込みだ。",
                "body": (
                    "<p>オルサント天文台のボランティアが火曜日の夜、非常に淡い新しい彗星を発見した。"
                    "この小さな天文台は、地元の教員とその生徒たちによって運営されている。</p>"
                    "<p>彗星は来月、夕方の空に双眼鏡で見られる見込みだ。"
                    "海外の天文学者もすでにこの観測を確認している。</p>"
                ),
            },
            "de": {
                "title": "Ehrenamtliche der Sternwarte Orsanto entdecken neuen Kometen",
                "slug": "sternwarte-orsanto-ehrenamtliche-entdecken-kometen",
                "summary": "Der lichtschwache Komet soll im nächsten Monat mit dem Fernglas zu "
                "sehen sein.",
                "body": (
                    "<p>Ehrenamtliche der Sternwarte Orsanto haben am Dienstagabend einen neuen, "
                    "sehr lichtschwachen Kometen entdeckt. Die kleine Sternwarte wird von "
                    "Lehrkräften aus der Gegend und ihren Schülerinnen und Schülern "
                    "betrieben.</p>"
                    "<p>Im nächsten Monat soll der Komet am Abendhimmel mit einem Fernglas zu "
                    "sehen sein. Astronominnen und Astronomen aus anderen Ländern haben die "
                    "Beobachtung bereits bestätigt.</p>"
                ),
            },
            "pt": {
                "title": "Voluntários do observatório de Orsanto descobrem um novo cometa",
                "slug": "voluntarios-observatorio-orsanto-novo-cometa",
                "summary": "O cometa, ainda ténue, deverá ser visível com binóculos no próximo "
                "mês.",
                "body": (
                    "<p>Voluntários do observatório de Orsanto descobriram na noite de "
                    "terça-feira um novo cometa, ainda muito ténue. O pequeno observatório é "
                    "gerido por professores da região e pelos seus alunos.</p>"
                    "<p>O cometa deverá ser visível com binóculos no céu do fim da tarde no "
                    "próximo mês. Astrónomos de outros países já confirmaram a observação.</p>"
                ),
            },
            "el": {
                "title": "Εθελοντές του Αστεροσκοπείου Ορσάντο ανακάλυψαν νέο κομήτη",
                "summary": "Ο αμυδρός κομήτης αναμένεται να είναι ορατός με κιάλια τον επόμενο "
                "μήνα.",
                "body": (
                    "<p>Εθελοντές του Αστεροσκοπείου Ορσάντο ανακάλυψαν το βράδυ της Τρίτης "
                    "έναν νέο, πολύ αμυδρό κομήτη. Το μικρό αστεροσκοπείο το διαχειρίζονται "
                    "εκπαιδευτικοί της περιοχής μαζί με τους μαθητές τους.</p>"
                    "<p>Ο κομήτης αναμένεται να είναι ορατός με κιάλια στον βραδινό ουρανό τον "
                    "επόμενο μήνα. Αστρονόμοι από άλλες χώρες έχουν ήδη επιβεβαιώσει την "
                    "παρατήρηση.</p>"
                ),
            },
            "es": {
                "title": "Voluntarios del observatorio de Orsanto descubren un nuevo cometa",
                "slug": "voluntarios-observatorio-orsanto-nuevo-cometa",
                "summary": "El tenue cometa podrá verse con prismáticos el mes que viene.",
                "body": (
                    "<p>Voluntarios del observatorio de Orsanto descubrieron el martes por la "
                    "noche un nuevo cometa de brillo muy débil. El pequeño observatorio lo "
                    "gestionan profesores de la zona junto con sus alumnos.</p>"
                    "<p>El cometa podrá verse con prismáticos en el cielo del atardecer el mes "
                    "que viene. Astrónomos de otros países ya han confirmado la "
                    "observación.</p>"
                ),
            },
            "it": {
                "title": "I volontari dell'osservatorio di Orsanto scoprono una nuova cometa",
                "slug": "volontari-osservatorio-orsanto-nuova-cometa",
                "summary": "La debole cometa sarà visibile con un binocolo il mese prossimo.",
                "body": (
                    "<p>I volontari dell'osservatorio di Orsanto hanno scoperto martedì sera una "
                    "nuova cometa, ancora molto debole. Il piccolo osservatorio è gestito da "
                    "insegnanti della zona e dai loro studenti.</p>"
                    "<p>Il mese prossimo la cometa sarà visibile con un binocolo nel cielo "
                    "serale. Astronomi di altri paesi hanno già confermato "
                    "l'osservazione.</p>"
                ),
            },
            "fi": {
                "title": "Orsanton tähtitornin vapaaehtoiset löysivät uuden komeetan",
                "slug": "orsanton-tahtitornin-vapaaehtoiset-loysivat-komeetan",
                "summary": "Himmeän komeetan pitäisi näkyä kiikareilla ensi kuussa.",
                "body": (
                    "<p>Orsanton tähtitornin vapaaehtoiset löysivät tiistai-iltana uuden, hyvin "
                    "himmeän komeetan. Pientä tähtitornia ylläpitävät paikalliset opettajat "
                    "yhdessä oppilaidensa kanssa.</p>"
                    "<p>Ensi kuussa komeetan pitäisi näkyä iltataivaalla kiikareilla. "
                    "Ulkomaiset tähtitieteilijät ovat jo vahvistaneet havainnon.</p>"
                ),
            },
            "la": {
                "title": "Voluntarii speculae Orsantinae novam stellam crinitam invenerunt",
                "slug": "voluntarii-speculae-orsantinae-stellam-crinitam-invenerunt",
                "summary": "Stella crinita, luce adhuc tenui, mense proximo binoculis conspici "
                "poterit.",
                "body": (
                    "<p>Voluntarii speculae Orsantinae die Martis noctu novam stellam crinitam "
                    "luce admodum tenui invenerunt. Parvam speculam magistri regionis cum "
                    "discipulis suis curant.</p>"
                    "<p>Mense proximo stella crinita vespere binoculis conspici poterit. "
                    "Astronomi aliarum gentium observationem iam confirmaverunt.</p>"
                ),
            },
        },
    },
    # --- 2. Portuguese only ----------------------------------------------------
    {
        "key": "serrabela-regatta",
        "section": "sport",
        "authors": ["Inês Carvalhal"],
        "source_language": "pt",
        "hours_ago": 19,
        "is_published": True,
        "photo": {
            "credit": "IC",
            "copyright_holder": "Imagem Comum",
            "colours": ((38, 128, 132), (120, 200, 196), (242, 138, 58)),
            "bands": "wavy",
            "caption": {
                "pt": "A tripulação do Clube Náutico de Serrabela no rio Ardena (ilustração).",
            },
            "alt_text": {
                "pt": "Ilustração abstrata em verde-água e laranja, com faixas onduladas e "
                "círculos sobrepostos.",
            },
        },
        "text": {
            "pt": {
                "title": "Remadoras de Serrabela vencem a regata do rio Ardena",
                "slug": "remadoras-de-serrabela-vencem-regata-do-rio-ardena",
                "summary": "A tripulação feminina do clube local cortou a meta com dois barcos "
                "de vantagem, numa manhã de vento forte.",
                "body": (
                    "<p>A tripulação feminina do Clube Náutico de Serrabela venceu no sábado a "
                    "regata anual do rio Ardena, disputada entre a ponte velha e o cais do "
                    "mercado. As quatro remadoras terminaram os dois mil metros com dois barcos "
                    "de vantagem sobre a equipa da vila vizinha.</p>"
                    "<h2>Vento contra na última curva</h2>"
                    "<p>A prova começou com água calma, mas o vento mudou a meio do percurso e "
                    "obrigou várias embarcações a abrandar. «Treinámos muitas manhãs com este "
                    "vento, por isso sabíamos que tínhamos de manter o ritmo», disse a "
                    "timoneira à chegada.</p>"
                    "<p>O clube, fundado por pescadores há quase um século, conta hoje com mais "
                    "de cem sócios. A próxima prova está marcada para o início do outono.</p>"
                ),
            },
        },
    },
    # --- 3. Portuguese and English ---------------------------------------------
    {
        "key": "vilar-de-ardena-quay",
        "section": "world",
        "authors": ["Inês Carvalhal", "Daniel Whitcombe"],
        "source_language": "pt",
        "hours_ago": 34,
        "is_published": True,
        "photo": {
            "credit": "IC",
            "copyright_holder": "Imagem Comum",
            "colours": ((96, 64, 40), (70, 110, 150), (226, 214, 190)),
            "bands": "horizontal",
            "caption": {
                "pt": "Barcaças no cais de mercadorias de Vilar de Ardena (ilustração).",
                "en": "Barges at the cargo quay of Vilar de Ardena. (Illustration)",
            },
            "alt_text": {
                "pt": "Ilustração abstrata em castanho e azul-aço, com faixas horizontais e "
                "círculos sobrepostos.",
                "en": "Abstract illustration in brown and steel blue, with horizontal bands and "
                "overlapping circles.",
            },
        },
        "text": {
            "pt": {
                "title": "Porto fluvial de Vilar de Ardena reabre o cais de mercadorias depois "
                "das cheias",
                "slug": "porto-fluvial-de-vilar-de-ardena-reabre-cais",
                "summary": "As primeiras barcaças voltaram a atracar na segunda-feira, três "
                "semanas depois de a água ter coberto o cais.",
                "body": (
                    "<p>As primeiras barcaças voltaram na segunda-feira a atracar no cais de "
                    "mercadorias de Vilar de Ardena, três semanas depois de as cheias terem "
                    "coberto a margem e os armazéns do porto fluvial.</p>"
                    "<p>Os trabalhadores retiraram a lama e os troncos arrastados pela corrente "
                    "e repararam duas gruas danificadas. Segundo a administração do porto, o "
                    "tráfego deverá voltar ao normal até ao fim do mês.</p>"
                    "<blockquote><p>«Foi um esforço de toda a vila. Houve quem viesse ajudar "
                    "depois do turno na fábrica», contou um dos estivadores mais "
                    "antigos.</p></blockquote>"
                ),
            },
            "en": {
                "title": "River port of Vilar de Ardena reopens its cargo quay after the floods",
                "slug": "vilar-de-ardena-river-port-reopens-cargo-quay",
                "summary": "The first barges tied up again on Monday, three weeks after "
                "floodwater covered the quay.",
                "body": (
                    "<p>The first barges tied up again on Monday at the cargo quay of Vilar de "
                    "Ardena, three weeks after floodwater covered the riverbank and the "
                    "warehouses of the river port.</p>"
                    "<p>Workers cleared the mud and tree trunks carried down by the current and "
                    "repaired two damaged cranes. The port authority expects traffic to return "
                    "to normal by the end of the month.</p>"
                    "<blockquote><p>“It was an effort by the whole town. Some people came to "
                    "help after their shift at the factory,” said one of the longest-serving "
                    "dockers.</p></blockquote>"
                ),
            },
        },
    },
    # --- 4. English only -------------------------------------------------------
    {
        "key": "hollin-cross-library",
        "section": "culture",
        "authors": ["Daniel Whitcombe"],
        "source_language": "en",
        "hours_ago": 55,
        "is_published": True,
        "photo": {
            "credit": "Owen Breck",
            "copyright_holder": "Owen Breck",
            "colours": ((120, 24, 30), (226, 150, 48), (250, 228, 180)),
            "bands": "horizontal",
            "caption": {
                "en": "Volunteers read aloud in the renovated reading room of the Hollin Cross "
                "library. (Illustration)",
            },
            "alt_text": {
                "en": "Abstract illustration in warm amber and deep red, with soft gradients, "
                "stacked bands and overlapping circles.",
            },
        },
        "text": {
            "en": {
                "title": "Hollin Cross library reads through the night for its centenary",
                "slug": "hollin-cross-library-reads-through-the-night",
                "summary": "Forty volunteers took turns reading aloud for twelve hours to mark "
                "one hundred years of the town's public library.",
                "body": (
                    "<p>The public library in Hollin Cross kept its doors open all night on "
                    "Friday as forty volunteers took turns reading aloud, one chapter each, to "
                    "mark the building's hundredth year.</p>"
                    "<p>Readers ranged from a nine-year-old pupil to a retired ferry pilot, and "
                    "the programme moved from picture books in the early evening to ghost "
                    "stories after midnight. Visitors brought blankets and flasks of tea; a few "
                    "stayed until sunrise.</p>"
                    "<h2>A reading room rebuilt</h2>"
                    "<p>The reading room, closed for repairs last winter, reopened for the "
                    "event with new shelving made by students at the town's technical college. "
                    "The librarians hope to repeat the night every year.</p>"
                ),
            },
        },
    },
    # --- 5. Chinese and English ------------------------------------------------
    {
        "key": "qinglan-lake-cranes",
        "section": "science",
        "authors": ["周清怡"],
        "source_language": "zh-hans",
        "hours_ago": 75,
        "is_published": True,
        "photo": {
            "credit": "Newsroom",
            "copyright_holder": "Newsroom",
            "colours": ((96, 156, 160), (226, 232, 228), (70, 84, 96)),
            "bands": "slanted",
            "caption": {
                "zh-hans": "青岚湖湿地上空的鹤群（示意图）",
                "en": "Cranes over the Qinglan Lake wetlands. (Illustration)",
            },
            "alt_text": {
                "zh-hans": "抽象插图：淡青色与灰白色的渐变，叠加着斜向色带和圆形。",
                "en": "Abstract illustration in pale teal and grey-white, with slanted bands and "
                "circles on a soft gradient.",
            },
        },
        "text": {
            "zh-hans": {
                "title": "青岚湖观测站：灰鹤今年提前约十天抵达",
                "summary": "研究人员认为，暖冬和湖面提早解冻可能是灰鹤提前到来的原因。",
                "body": (
                    "<p>青岚湖湿地观测站的研究人员本周表示，今年春季首批灰鹤比往年平均提前了"
                    "约十天抵达湖区。观测站自二十多年前开始记录候鸟的到达日期。</p>"
                    "<p>研究人员认为，较为温和的冬季和湖面提早解冻，可能让鸟类在迁徙途中更早"
                    "找到食物。不过他们也提醒，仅凭一年的数据还不能得出确定的结论。</p>"
                    "<blockquote><p>“我们需要连续几年的记录，才能判断这是不是一种长期趋势。”"
                    "一位研究人员说。</p></blockquote>"
                ),
            },
            "en": {
                "title": "Qinglan Lake station: cranes arrive about ten days early",
                "slug": "qinglan-lake-cranes-arrive-early",
                "summary": "Researchers say a mild winter and an early thaw on the lake may "
                "explain the early arrival.",
                "body": (
                    "<p>Researchers at the Qinglan Lake wetland station said this week that the "
                    "first common cranes of the spring reached the lake about ten days earlier "
                    "than the average of past years. The station began recording the arrival "
                    "dates of migratory birds more than twenty years ago.</p>"
                    "<p>The researchers believe a milder winter and an early thaw may have let "
                    "the birds find food sooner along their route. They cautioned, however, "
                    "that a single year of data is not enough for firm conclusions.</p>"
                    "<blockquote><p>“We need several years of records in a row before we can "
                    "tell whether this is a long-term trend,” one of the researchers "
                    "said.</p></blockquote>"
                ),
            },
        },
    },
    # --- 6. Sanskrit and Latin -------------------------------------------------
    {
        "key": "vidyavana-summer-school",
        "section": "culture",
        "authors": ["Madhavi Shastri", "Aurelio Fenestri"],
        "source_language": "sa",
        "hours_ago": 98,
        "is_published": True,
        "photo": {
            "credit": "Newsroom",
            "copyright_holder": "Newsroom",
            "colours": ((232, 120, 28), (36, 60, 140), (250, 220, 120)),
            "bands": "wavy",
            "caption": {
                "sa": "विद्यावनस्य ग्रीष्मपाठशालायां पद्यपाठः (कल्पितं चित्रम्)",
                "la": "Recitatio versuum in schola aestiva Vidyavanae (imago ficta).",
            },
            "alt_text": {
                "sa": "अमूर्तचित्रम् — कुङ्कुमवर्णः नीलवर्णः च, वृत्तैः पट्टिकाभिः च युक्तम्।",
                "la": "Imago abstracta coloribus croceo et caeruleo, cum circulis et fasciis "
                "undulatis.",
            },
        },
        "text": {
            "sa": {
                "title": "विद्यावनस्य ग्रीष्मपाठशालायां छात्राः संस्कृतलातिनीभाषयोः पद्यानि पठन्ति",
                "summary": "बहुभ्यः देशेभ्यः आगताः छात्राः शनिवासरे सार्वजनिके कार्यक्रमे पद्यानि अपठन्।",
                "body": (
                    "<p>विद्यावनस्य ग्रीष्मपाठशालायां बहुभ्यः देशेभ्यः आगताः छात्राः शनिवासरे "
                    "सायङ्काले संस्कृतभाषया लातिनीभाषया च पद्यानि अपठन्। स्थानीयाः जनाः अपि "
                    "श्रोतुम् आगच्छन्।</p>"
                    "<p>भाषाद्वयस्य तुलनां कुर्वन्तः छात्राः व्याकरणं सुलभतया अवगच्छन्ति इति "
                    "पाठशालायाः आचार्याः अवदन्।</p>"
                    "<p>आगामिनि वर्षे अपि एषा पाठशाला प्रचलिष्यति।</p>"
                ),
            },
            "la": {
                "title": "In schola aestiva Vidyavanae discipuli versus Sanscritos et Latinos "
                "recitant",
                "slug": "schola-aestiva-vidyavanae-versus-recitant",
                "summary": "Discipuli ex multis terris profecti die Saturni in publico versus "
                "recitaverunt.",
                "body": (
                    "<p>In schola aestiva Vidyavanae discipuli, qui ex multis terris "
                    "convenerant, die Saturni vesperi versus et Sanscrite et Latine "
                    "recitaverunt. Etiam incolae audiendi causa venerunt.</p>"
                    "<p>Magistri scholae dixerunt discipulos, cum duas linguas inter se "
                    "compararent, grammaticam facilius intellegere.</p>"
                    "<p>Schola anno proximo iterum habebitur.</p>"
                ),
            },
        },
    },
    # --- 7. Latin only ---------------------------------------------------------
    {
        "key": "clivanum-aulularia",
        "section": "culture",
        "authors": ["Aurelio Fenestri"],
        "source_language": "la",
        "hours_ago": 124,
        "is_published": True,
        "photo": {
            "credit": "Lumen",
            "copyright_holder": "Agentia Lumen",
            "colours": ((74, 30, 96), (150, 70, 150), (230, 190, 80)),
            "bands": "wavy",
            "caption": {
                "la": "Euclio aulam suam in scaena custodit (imago ficta).",
            },
            "alt_text": {
                "la": "Imago abstracta coloribus purpureo et aurato, cum fasciis undulatis et "
                "circulis.",
            },
        },
        "text": {
            "la": {
                "title": "Discipuli Clivani Aululariam Plauti Latine agunt",
                "slug": "discipuli-clivani-aululariam-latine-agunt",
                "summary": "Fabula vetus in theatro oppidi ter acta est, et spectatores saepe "
                "riserunt.",
                "body": (
                    "<p>Discipuli gymnasii Clivani Aululariam, Plauti comoediam, hac hebdomade "
                    "in theatro oppidi Latine egerunt. Fabula ter acta est, et omnibus diebus "
                    "theatrum plenum erat.</p>"
                    "<p>Euclionem, senem avarum qui aulam auro plenam custodit, puella sedecim "
                    "annorum egit. Spectatores, quorum multi linguam Latinam non didicerant, "
                    "tamen saepe riserunt, nam titulos lingua vernacula scriptos supra scaenam "
                    "legere poterant.</p>"
                    "<blockquote><p>«Plautus nos etiam post duo milia annorum ridere cogit», "
                    "inquit magistra quae discipulos instruxit.</p></blockquote>"
                ),
            },
        },
    },
    # --- 8. Chinese only -------------------------------------------------------
    {
        "key": "yunshan-tea-library",
        "section": "world",
        "authors": ["周清怡"],
        "source_language": "zh-hans",
        "hours_ago": 146,
        "is_published": True,
        "photo": {
            "credit": "Newsroom",
            "copyright_holder": "Newsroom",
            "colours": ((86, 120, 60), (232, 218, 176), (150, 96, 50)),
            "bands": "horizontal",
            "caption": {
                "zh-hans": "改建后的云杉镇图书馆保留了旧茶仓的木梁（示意图）",
            },
            "alt_text": {
                "zh-hans": "抽象插图：茶绿色与米黄色的渐变，叠加着圆形和横向色带。",
            },
        },
        "text": {
            "zh-hans": {
                "title": "云杉镇旧茶仓改建为公共图书馆",
                "summary": "这座百年茶仓经过两年修缮，本周正式向居民开放。",
                "body": (
                    "<p>山区小镇云杉镇的一座旧茶仓经过两年修缮，本周改建为公共图书馆并正式"
                    "开放。茶仓建于上世纪初，曾是周边茶农存放和交易茶叶的地方。</p>"
                    "<p>改建工程保留了原有的木梁和石墙，书架沿着当年堆放茶箱的位置排列。"
                    "馆内还设有儿童阅读区和一间展示制茶工具的小型陈列室。</p>"
                    "<p>镇上的居民说，以前借书要坐一个多小时的车到县城，现在走几分钟就能到。</p>"
                ),
            },
        },
    },
    # --- 9. French, English, German, Italian -----------------------------------
    {
        "key": "sarvonne-barges",
        "section": "world",
        "authors": ["Daniel Whitcombe", "Aurelio Fenestri"],
        "source_language": "fr",
        "hours_ago": 165,
        "is_published": True,
        "photo": {
            "credit": "Claire Ormesson/Newsroom",
            "copyright_holder": "Newsroom",
            "colours": ((64, 84, 110), (120, 140, 160), (204, 150, 60)),
            "bands": "horizontal",
            "caption": {
                "fr": "Une péniche quitte le port de Port-Sarvonne (illustration).",
                "en": "A barge leaves the port of Port-Sarvonne. (Illustration)",
                "de": "Ein Lastkahn verlässt den Hafen von Port-Sarvonne (Illustration).",
                "it": "Una chiatta lascia il porto di Port-Sarvonne (illustrazione).",
            },
            "alt_text": {
                "fr": "Illustration abstraite en bleu ardoise et ocre, avec des bandes "
                "horizontales et des cercles superposés.",
                "en": "Abstract illustration in slate blue and ochre, with horizontal bands and "
                "overlapping circles.",
                "de": "Abstrakte Illustration in Schieferblau und Ocker mit waagerechten "
                "Streifen und sich überlagernden Kreisen.",
                "it": "Illustrazione astratta in blu ardesia e ocra, con fasce orizzontali e "
                "cerchi sovrapposti.",
            },
        },
        "text": {
            "fr": {
                "title": "Sur la Sarvonne, les péniches reprennent la navigation après des "
                "semaines de basses eaux",
                "slug": "sarvonne-les-peniches-reprennent-la-navigation",
                "summary": "Les fortes pluies des derniers jours ont fait remonter la rivière, "
                "et Port-Sarvonne retrouve son activité.",
                "body": (
                    "<p>Les premières péniches ont quitté jeudi le port fluvial de "
                    "Port-Sarvonne, après près de six semaines d'arrêt. Pendant la sécheresse, "
                    "le niveau de la Sarvonne était descendu si bas que les bateaux chargés "
                    "risquaient de toucher le fond.</p>"
                    "<p>Les fortes pluies des derniers jours ont fait remonter la rivière "
                    "d'environ un mètre. Les bateliers ont d'abord navigué avec des cargaisons "
                    "réduites, avant de reprendre des chargements complets.</p>"
                    "<p>Les transporteurs demandent désormais que le chenal soit dragué plus "
                    "souvent, afin que la navigation dépende moins de la météo.</p>"
                ),
            },
            "en": {
                "title": "Barges return to the Sarvonne after weeks of low water",
                "slug": "barges-return-to-the-sarvonne",
                "summary": "Heavy rain in recent days has raised the river, and Port-Sarvonne "
                "is busy again.",
                "body": (
                    "<p>The first barges left the river port of Port-Sarvonne on Thursday after "
                    "almost six weeks at a standstill. During the drought the Sarvonne had "
                    "fallen so low that loaded boats risked running aground.</p>"
                    "<p>Heavy rain in recent days has raised the river by about a metre. "
                    "Boatmen first sailed with reduced cargoes before returning to full "
                    "loads.</p>"
                    "<p>Shipping firms are now asking for the channel to be dredged more often, "
                    "so that navigation depends less on the weather.</p>"
                ),
            },
            "de": {
                "title": "Auf der Sarvonne fahren nach Wochen mit Niedrigwasser wieder Lastkähne",
                "slug": "sarvonne-lastkaehne-fahren-wieder",
                "summary": "Starke Regenfälle in den vergangenen Tagen haben den Fluss steigen "
                "lassen; im Hafen von Port-Sarvonne herrscht wieder Betrieb.",
                "body": (
                    "<p>Nach fast sechs Wochen Stillstand haben am Donnerstag die ersten "
                    "Lastkähne den Binnenhafen von Port-Sarvonne verlassen. Während der "
                    "Trockenheit war der Pegel der Sarvonne so tief gesunken, dass beladene "
                    "Schiffe auf Grund zu laufen drohten.</p>"
                    "<p>Die starken Regenfälle der vergangenen Tage haben den Fluss um etwa "
                    "einen Meter ansteigen lassen. Die Schiffer fuhren zunächst mit verringerter "
                    "Ladung, inzwischen sind die Kähne wieder voll beladen.</p>"
                    "<p>Die Transportunternehmen fordern nun, die Fahrrinne häufiger "
                    "auszubaggern, damit die Schifffahrt weniger vom Wetter abhängt.</p>"
                ),
            },
            "it": {
                "title": "Sulla Sarvonne tornano a navigare le chiatte dopo settimane di secca",
                "slug": "sarvonne-tornano-a-navigare-le-chiatte",
                "summary": "Le forti piogge degli ultimi giorni hanno fatto risalire il fiume e "
                "il porto di Port-Sarvonne è di nuovo in attività.",
                "body": (
                    "<p>Giovedì le prime chiatte hanno lasciato il porto fluviale di "
                    "Port-Sarvonne dopo quasi sei settimane di fermo. Durante la siccità il "
                    "livello della Sarvonne era sceso così tanto che le imbarcazioni cariche "
                    "rischiavano di incagliarsi.</p>"
                    "<p>Le forti piogge degli ultimi giorni hanno fatto salire il fiume di circa "
                    "un metro. I barcaioli sono ripartiti con carichi ridotti e solo in seguito "
                    "sono tornati a pieno carico.</p>"
                    "<p>Le aziende di trasporto chiedono ora che il canale navigabile venga "
                    "dragato più spesso, perché la navigazione dipenda meno dal tempo.</p>"
                ),
            },
        },
    },
    # --- 10. Spanish, Portuguese, English --------------------------------------
    {
        "key": "albarena-mountain-race",
        "section": "sport",
        "authors": ["Inês Carvalhal"],
        "source_language": "es",
        "hours_ago": 190,
        "is_published": True,
        "photo": {
            "credit": "Marta Quental/Newsroom",
            "copyright_holder": "Newsroom",
            "colours": ((96, 110, 44), (176, 180, 100), (240, 180, 190)),
            "bands": "slanted",
            "caption": {
                "es": "Corredores en un sendero de la Sierra de Albarena (ilustración).",
                "pt": "Atletas num trilho da Serra de Albarena (ilustração).",
                "en": "Runners on a path in the Sierra de Albarena. (Illustration)",
            },
            "alt_text": {
                "es": "Ilustración abstracta en verde oliva y rosa pálido, con franjas "
                "inclinadas y círculos superpuestos.",
                "pt": "Ilustração abstrata em verde-oliva e rosa-pálido, com faixas inclinadas "
                "e círculos sobrepostos.",
                "en": "Abstract illustration in olive green and pale pink, with slanted bands "
                "and overlapping circles.",
            },
        },
        "text": {
            "es": {
                "title": "Una corredora local gana la primera carrera de montaña de la Sierra "
                "de Albarena",
                "slug": "corredora-local-gana-carrera-sierra-de-albarena",
                "summary": "Más de trescientos corredores recorrieron 24 kilómetros por "
                "antiguos caminos de pastores.",
                "body": (
                    "<p>Una corredora de la comarca ganó el domingo la primera edición de la "
                    "carrera de montaña de la Sierra de Albarena, un recorrido de 24 kilómetros "
                    "por antiguos caminos de pastores. Cruzó la meta, en la plaza del pueblo, "
                    "en algo menos de tres horas.</p>"
                    "<p>Más de trescientos participantes tomaron la salida entre la niebla, que "
                    "se levantó a media mañana sobre las cumbres. Los organizadores, un grupo "
                    "de vecinos, señalizaron el recorrido durante semanas y limpiaron varios "
                    "tramos cubiertos de maleza.</p>"
                    "<p>El ayuntamiento quiere que la prueba se celebre cada año y ayude a dar "
                    "a conocer la sierra fuera de temporada.</p>"
                ),
            },
            "pt": {
                "title": "Corredora local vence a primeira corrida de montanha da Serra de "
                "Albarena",
                "slug": "corredora-local-vence-corrida-serra-de-albarena",
                "summary": "Mais de trezentos atletas percorreram 24 quilómetros por antigos "
                "caminhos de pastores.",
                "body": (
                    "<p>Uma corredora da região venceu no domingo a primeira edição da corrida "
                    "de montanha da Serra de Albarena, um percurso de 24 quilómetros por "
                    "antigos caminhos de pastores. Cortou a meta, na praça da aldeia, em pouco "
                    "menos de três horas.</p>"
                    "<p>Mais de trezentos participantes partiram com nevoeiro, que só levantou a "
                    "meio da manhã sobre os cumes. Os organizadores, um grupo de moradores, "
                    "marcaram o percurso durante semanas e limparam vários troços cobertos de "
                    "mato.</p>"
                    "<p>A câmara municipal quer que a prova se realize todos os anos e ajude a "
                    "dar a conhecer a serra fora da época alta.</p>"
                ),
            },
            "en": {
                "title": "Local runner wins the first Sierra de Albarena mountain race",
                "slug": "local-runner-wins-sierra-de-albarena-race",
                "summary": "More than three hundred runners covered 24 kilometres of old "
                "shepherds' paths.",
                "body": (
                    "<p>A runner from the surrounding district won the first Sierra de Albarena "
                    "mountain race on Sunday, a 24-kilometre course along old shepherds' paths. "
                    "She crossed the finish line in the village square in just under three "
                    "hours.</p>"
                    "<p>More than three hundred competitors set off in fog, which lifted from "
                    "the peaks by mid-morning. The organisers, a group of residents, spent "
                    "weeks marking the route and clearing several overgrown stretches.</p>"
                    "<p>The town council wants the race to become a yearly event that draws "
                    "visitors to the mountains outside the high season.</p>"
                ),
            },
        },
    },
    # --- 11. Japanese, English, Chinese, Sanskrit, Latin -----------------------
    {
        "key": "kashimura-star-chart",
        "section": "science",
        "authors": ["Madhavi Shastri", "周清怡"],
        "source_language": "ja",
        "hours_ago": 215,
        "is_published": True,
        "photo": {
            "credit": "Newsroom",
            "copyright_holder": "Newsroom",
            "colours": ((26, 34, 84), (60, 80, 140), (222, 66, 44)),
            "bands": "horizontal",
            "caption": {
                "ja": "修復を終えた江戸時代の星図（イメージ）",
                "en": "The restored Edo-period star chart. (Illustration)",
                "zh-hans": "修复完成的江户时代星图（示意图）",
                "sa": "पुनरुद्धृतं नक्षत्रचित्रम् (कल्पितं चित्रम्)",
                "la": "Tabula stellarum restituta (imago ficta).",
            },
            "alt_text": {
                "ja": "抽象的なイラスト：藍色と朱色のグラデーションに、円と帯が重なっている。",
                "en": "Abstract illustration in indigo and vermilion, with overlapping circles "
                "and bands.",
                "zh-hans": "抽象插图：靛蓝与朱红的渐变，叠加着圆形和色带。",
                "sa": "अमूर्तचित्रम् — नीलवर्णः सिन्दूरवर्णः च, वृत्तैः पट्टिकाभिः च युक्तम्।",
                "la": "Imago abstracta coloribus indico et minio, cum circulis et fasciis.",
            },
        },
        "text": {
            "ja": {
                "title": "樫村市立博物館、江戸時代の星図を修復",
                "summary": "約二百五十年前に描かれた星図が二年がかりの修復を終え、"
                "来月から一般公開される。",
                "body": (
                    "<p>樫村市立博物館は、江戸時代中期に描かれたとされる星図の修復を終えたと発表した。"
                    "和紙に墨と朱で星座を描いたもので、虫食いや折り目による傷みが激しかった。</p>"
                    "<p>修復は二年がかりで、専門の職人が裏打ちの紙を一枚ずつ張り替えた。"
                    "調査の過程では、当時の観測者が書き込んだとみられる小さな注記も新たに"
                    "見つかった。</p>"
                    "<p>星図は来月から同館の特別展で公開される。</p>"
                ),
            },
            "en": {
                "title": "Kashimura City Museum restores an Edo-period star chart",
                "slug": "kashimura-museum-restores-edo-star-chart",
                "summary": "Drawn about 250 years ago, the chart has completed a two-year "
                "restoration and goes on display next month.",
                "body": (
                    "<p>Kashimura City Museum has finished restoring a star chart thought to "
                    "date from the middle of the Edo period. Drawn in ink and vermilion on "
                    "Japanese paper, the chart had been badly damaged by insects and old "
                    "folds.</p>"
                    "<p>The work took two years: specialist conservators replaced the backing "
                    "paper one sheet at a time. While examining the chart they also found small "
                    "notes apparently written by an observer of the time.</p>"
                    "<p>The chart will be shown in a special exhibition at the museum from next "
                    "month.</p>"
                ),
            },
            "zh-hans": {
                "title": "樫村市立博物馆完成江户时代星图修复",
                "summary": "这幅约二百五十年前绘制的星图历时两年修复完成，将于下月起公开展出。",
                "body": (
                    "<p>樫村市立博物馆宣布，已完成一幅据信绘于江户时代中期的星图的修复工作。"
                    "这幅星图以墨和朱砂绘于和纸之上，此前因虫蛀和折痕而严重受损。</p>"
                    "<p>修复工作历时两年，专业修复师逐张更换了背面的托纸。在调查过程中，"
                    "他们还发现了一些小字注记，可能出自当时观测者之手。</p>"
                    "<p>星图将于下月起在该馆的特别展中展出。</p>"
                ),
            },
            "sa": {
                "title": "काशिमुरा-नगरसङ्ग्रहालये प्राचीनं नक्षत्रचित्रं पुनरुद्धृतम्",
                "summary": "इतः प्रायः सार्धद्विशतवर्षेभ्यः पूर्वं चित्रितम् इदं नक्षत्रचित्रम् "
                "आगामिमासात् जनैः द्रष्टुं शक्यं भविष्यति।",
                "body": (
                    "<p>एदो-कालस्य मध्यभागे चित्रितस्य नक्षत्रचित्रस्य पुनरुद्धारः समाप्तः इति "
                    "काशिमुरा-नगरस्य सङ्ग्रहालयः अघोषयत्। जापानीयपत्रे मष्या सिन्दूरेण च "
                    "चित्रितम् इदं चित्रं कीटैः पुरातनैः वलिभिः च बहु क्षतम् आसीत्।</p>"
                    "<p>वर्षद्वयं यावत् कुशलाः शिल्पिनः एकैकं पृष्ठपत्रं परिवर्तितवन्तः। "
                    "परीक्षणकाले तत्कालीनेन निरीक्षकेण लिखिताः इव लघ्व्यः टिप्पण्यः अपि "
                    "लब्धाः।</p>"
                    "<p>आगामिमासात् सङ्ग्रहालयस्य विशेषप्रदर्शन्याम् इदं चित्रं द्रष्टुं शक्यं "
                    "भविष्यति।</p>"
                ),
            },
            "la": {
                "title": "Museum Kashimurense tabulam stellarum aetatis Edo restituit",
                "slug": "museum-kashimurense-tabulam-stellarum-restituit",
                "summary": "Tabula ante annos fere ducentos quinquaginta picta, post biennium "
                "restituta, mense proximo ostendetur.",
                "body": (
                    "<p>Museum urbanum Kashimurense nuntiavit se tabulam stellarum, quae media "
                    "aetate Edo picta esse putatur, restituisse. Tabula, atramento et minio in "
                    "charta Iaponica picta, vermibus et plicis veteribus graviter laesa "
                    "erat.</p>"
                    "<p>Opus biennium duravit: artifices periti chartas subiectas singillatim "
                    "renovaverunt. Inter inspiciendum etiam breves notae inventae sunt, quas "
                    "observator illius temporis scripsisse videtur.</p>"
                    "<p>Mense proximo tabula in museo expositione peculiari ostendetur.</p>"
                ),
            },
        },
    },
    # --- 12. A draft: written, never published ---------------------------------
    {
        "key": "vaskiniemi-winter-swim",
        "section": "sport",
        "authors": ["Daniel Whitcombe"],
        "source_language": "fi",
        "hours_ago": None,
        "is_published": False,
        "photo": {
            "credit": "IC",
            "copyright_holder": "Imagem Comum",
            "colours": ((70, 96, 120), (214, 224, 232), (40, 54, 70)),
            "bands": "horizontal",
            "caption": {
                "fi": "Vaskiniemen uimalaituri (kuvitus).",
                "en": "The swimming jetty at Vaskiniemi. (Illustration)",
            },
            "alt_text": {
                "fi": "Abstrakti kuvitus harmaansinisin ja valkoisin sävyin, vaakasuoria "
                "raitoja ja päällekkäisiä ympyröitä.",
                "en": "Abstract illustration in grey-blue and white, with horizontal stripes "
                "and overlapping circles.",
            },
        },
        "text": {
            "fi": {
                "title": "Talviuimarit siirtävät kauden avausuinnin myrskyvaroituksen vuoksi",
                "slug": "talviuimarit-siirtavat-kauden-avausuinnin",
                "summary": "Vaskiniemen talviuintiseuran avausuinti pidetään viikkoa myöhemmin.",
                "body": (
                    "<p>Vaskiniemen talviuintiseura on siirtänyt kauden yhteistä avausuintia "
                    "viikolla, koska lauantaiksi on annettu myrskyvaroitus. Seuran mukaan "
                    "laiturilla ei ole turvallista kokoontua kovassa tuulessa.</p>"
                    "<p>Uutena päivänä saunat lämpiävät jo kahdeksalta aamulla, ja myös "
                    "ensikertalaiset ovat tervetulleita.</p>"
                ),
            },
            "en": {
                "title": "Winter swimmers postpone season opening because of storm warning",
                "slug": "winter-swimmers-postpone-season-opening",
                "summary": "The Vaskiniemi winter swimming club's opening swim will take place "
                "a week later.",
                "body": (
                    "<p>The Vaskiniemi winter swimming club has postponed its opening swim of "
                    "the season by a week because a storm warning has been issued for Saturday. "
                    "The club says it is not safe to gather on the jetty in strong winds.</p>"
                    "<p>On the new date the saunas will be warm from eight in the morning, and "
                    "first-timers are welcome too.</p>"
                ),
            },
        },
    },
]
