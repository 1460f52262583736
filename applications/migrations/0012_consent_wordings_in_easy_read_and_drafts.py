"""The first Easy Read wordings of the four consents applicants give, and the drafts in
Polish and Arabic (decision 22), each a translation of the first English version. Where
staff have since published a newer English version, these are translations of the old
one, so they are not shown (current_documents): the English is, until the new one is
translated."""

from django.db import migrations

EASY_READ = {
    "PNC_CHECK": (
        "A police check. It is called a PNC check",
        "The police will look at their computer records about you. This is called a "
        "Police National Computer check, or PNC check.\n\n"
        "They look for any crimes you were found guilty of, or any warnings "
        "(cautions) you were given.\n\n"
        "I understand that:\n"
        "- the check can take up to 6 weeks\n"
        "- the police will tell the Victim Voice Forum team at MOPAC what they find. "
        "The team will use it only to decide if I can join a forum\n"
        "- if the check finds something, 3 people will decide together if it is a risk "
        "to the forum. They are from MOPAC, the police and the forum's facilitator. "
        "Something on my record does not always stop me joining\n"
        "- everything from the check will be deleted when they have decided. This "
        "happens whether I join or not.",
    ),
    "PARTNER_SHARING": (
        "Sharing your details with the partner organisation",
        "Another organisation runs 2 of the forums for MOPAC:\n"
        "- the forum for disabled victims\n"
        "- the forum for LGBTQ+ victims.\n\n"
        "I agree that MOPAC can give my application to that organisation. This is so "
        "they can run the forum.\n\n"
        "Because of what the forum is about, this may tell them things about me. For "
        "example, that I am disabled, or who I am attracted to.",
    ),
    "MPS_SHARING": (
        "Sharing your details with the police for other projects",
        "I agree that MOPAC can give my name and how to contact me to the Met police.\n\n"
        "This is so the police can ask me to help with other projects that make things "
        "better for victims.\n\n"
        "I can change my mind at any time.",
    ),
    "TERMS_OF_REFERENCE": (
        "The forum's rules. They are called the Terms of Reference",
        "When I am in a forum I will:\n"
        "- keep what people say in meetings private\n"
        "- treat everyone with respect\n"
        "- be fair, and let other people speak\n"
        "- help the group work together\n"
        "- help everyone take part\n"
        "- share my ideas, and help the group agree\n"
        "- go to meetings about every 6 weeks. Most are in person. Some are online\n"
        "- tell the team if I cannot go to a meeting\n"
        "- take part in a helpful and professional way.\n\n"
        "The people in each forum may agree other things together.",
    ),
}

# Drafts, to be checked by a professional translator before the language goes live.
DRAFTS = {
    "pl": {
        "PNC_CHECK": (
            "Sprawdzenie w Krajowym Komputerze Policyjnym (PNC)",
            "Wyrażam zgodę, aby Policja Metropolitalna (Metropolitan Police Service) "
            "sprawdziła w Krajowym Komputerze Policyjnym, czy figurują w nim jakiekolwiek "
            "dotyczące mnie wyroki skazujące lub formalne ostrzeżenia policyjne.\n"
            "\n"
            "Rozumiem, że:\n"
            "- sprawdzenie może potrwać do sześciu tygodni\n"
            "- wszelkie wyroki skazujące lub formalne ostrzeżenia policyjne zostaną "
            "przekazane zespołowi Victim Voice Forum w MOPAC wyłącznie w celu podjęcia "
            "decyzji, czy nadaję się do udziału w forum\n"
            "- jeśli sprawdzenie coś wykaże, komisja, w której skład wejdzie po jednej "
            "osobie z MOPAC, z Policji Metropolitalnej (Met) i ze strony moderatora forum, "
            "zdecyduje, czy stanowi to zagrożenie dla bezpieczeństwa lub reputacji forum; "
            "wyrok skazujący nie wyklucza automatycznie mojego udziału w forum\n"
            "- wszystkie informacje uzyskane w wyniku sprawdzenia zostaną usunięte, gdy "
            "tylko ocena ta zostanie dokonana, niezależnie od tego, czy moje zgłoszenie "
            "zostanie przyjęte.",
        ),
        "PARTNER_SHARING": (
            "Udostępnienie Twoich danych partnerowi zewnętrznemu",
            "Forum ofiar z niepełnosprawnościami oraz forum ofiar LGBTQ+ są prowadzone w "
            "imieniu MOPAC przez zewnętrzną organizację partnerską. Wyrażam zgodę na "
            "udostępnienie przez MOPAC mojego zgłoszenia tej organizacji, aby mogła ona "
            "prowadzić forum. Ze względu na tematykę forum może to wskazywać na pewne "
            "informacje o mnie, takie jak niepełnosprawność lub moja orientacja seksualna.",
        ),
        "MPS_SHARING": (
            "Udostępnienie Twoich danych Policji Metropolitalnej (Met) na potrzeby innych "
            "inicjatyw",
            "Wyrażam zgodę na udostępnienie przez MOPAC mojego imienia i nazwiska oraz "
            "danych kontaktowych Policji Metropolitalnej (Metropolitan Police Service), "
            "aby mogła ona zaprosić mnie do udziału w innych inicjatywach na rzecz poprawy "
            "opieki nad ofiarami. Mogę wycofać tę zgodę w dowolnym momencie.",
        ),
        "TERMS_OF_REFERENCE": (
            "Regulamin Victim Voice Forum",
            "Jako członek forum zobowiązuję się:\n"
            "- zachowywać w poufności to, co zostanie powiedziane na spotkaniach forum\n"
            "- traktować wszystkich z szacunkiem, zachowywać obiektywizm i dawać innym "
            "możliwość wypowiedzenia się\n"
            "- wspierać pracę zespołową i zachęcać wszystkich do udziału\n"
            "- wnosić swój wkład do dyskusji i debaty oraz pomagać grupie w osiągnięciu "
            "porozumienia\n"
            "- uczestniczyć w spotkaniach mniej więcej co sześć tygodni, osobiście lub "
            "czasami online, oraz informować zespół, jeśli nie mogę w nich uczestniczyć\n"
            "- brać udział w sposób skuteczny i profesjonalny.\n"
            "\n"
            "Członkowie każdego forum mogą wspólnie poczynić dodatkowe ustalenia.",
        ),
    },
    "ar": {
        "PNC_CHECK": (
            "التحقق من الحاسوب الوطني للشرطة (PNC)",
            "أوافق على أن تبحث دائرة شرطة العاصمة (Metropolitan Police Service) في الحاسوب "
            "الوطني للشرطة عن أي إدانات أو إنذارات رسمية مسجلة بحقي.\n"
            "\n"
            "وأفهم ما يلي:\n"
            "- قد يستغرق التحقق مدة تصل إلى ستة أسابيع\n"
            "- ستتم مشاركة أي إدانات أو إنذارات رسمية مع فريق Victim Voice Forum التابع "
            "لمكتب MOPAC لغرض وحيد هو تقرير مدى ملاءمتي للانضمام إلى أحد المنتديات\n"
            "- إذا أظهر التحقق شيئًا ما، فستقرر لجنة تضم شخصًا واحدًا من كلٍّ من MOPAC "
            "وشرطة العاصمة (Met) والجهة الميسِّرة للمنتدى ما إذا كان ذلك يشكل خطرًا على "
            "سلامة المنتدى أو سمعته؛ ولا تمنعني الإدانة تلقائيًا من الانضمام\n"
            "- سيتم حذف جميع المعلومات الناتجة عن التحقق فور إجراء هذا التقييم، سواء قُبل "
            "طلبي أم لم يُقبل.",
        ),
        "PARTNER_SHARING": (
            "مشاركة بياناتك مع الشريك الخارجي",
            "تتولى منظمة شريكة خارجية إدارة منتدى الضحايا من ذوي الإعاقة ومنتدى الضحايا من "
            "مجتمع LGBTQ+ نيابةً عن MOPAC. أوافق على أن يشارك MOPAC طلبي مع تلك المنظمة "
            "لكي تتمكن من إدارة المنتدى. ونظرًا لموضوع المنتدى، فقد يوحي ذلك بأمور تخصني، "
            "مثل وجود إعاقة لديّ أو توجهي الجنسي.",
        ),
        "MPS_SHARING": (
            "مشاركة بياناتك مع شرطة العاصمة (Met) من أجل مبادرات أخرى",
            "أوافق على أن يشارك MOPAC اسمي وبيانات الاتصال الخاصة بي مع دائرة شرطة العاصمة "
            "(Metropolitan Police Service) لكي تتمكن من دعوتي للمشاركة في مبادرات أخرى "
            "لتحسين رعاية الضحايا. ويمكنني سحب هذه الموافقة في أي وقت.",
        ),
        "TERMS_OF_REFERENCE": (
            "الشروط المرجعية لـ Victim Voice Forum",
            "بصفتي عضوًا في المنتدى، سألتزم بما يلي:\n"
            "- الحفاظ على سرية ما يُقال في اجتماعات المنتدى\n"
            "- معاملة الجميع باحترام، والتحلي بالموضوعية، وإتاحة الفرصة للآخرين ليُسمَع "
            "صوتهم\n"
            "- دعم العمل الجماعي وتشجيع الجميع على المشاركة\n"
            "- الإسهام في النقاش والحوار، ومساعدة المجموعة على التوصل إلى اتفاق\n"
            "- حضور الاجتماعات مرة كل ستة أسابيع تقريبًا، حضوريًا أو عبر الإنترنت أحيانًا، "
            "وإبلاغ الفريق إذا تعذر عليّ الحضور\n"
            "- المشاركة بطريقة فعالة ومهنية.\n"
            "\n"
            "يجوز لأعضاء كل منتدى الاتفاق معًا على ترتيبات إضافية.",
        ),
    },
}


def translations():
    return {"easy-read": EASY_READ, **DRAFTS}


def publish(apps, schema_editor):
    ConsentDocument = apps.get_model("applications", "ConsentDocument")
    for language, wordings in translations().items():
        for kind, (title, body) in wordings.items():
            english = ConsentDocument.objects.filter(kind=kind, language="en-gb", version=1).first()
            if english is None:
                continue
            ConsentDocument.objects.get_or_create(
                kind=kind,
                language=language,
                version=1,
                defaults={"title": title, "body": body, "translates": english},
            )


def unpublish(apps, schema_editor):
    """Back to English only: every wording in another language goes (the columns that
    tell them apart go next, in 0011). An answer given to one stops this with Django's
    ProtectedError: the register keeps what each applicant agreed to."""
    ConsentDocument = apps.get_model("applications", "ConsentDocument")
    ConsentDocument.objects.exclude(language="en-gb").delete()


class Migration(migrations.Migration):
    dependencies = [("applications", "0011_languages")]

    operations = [migrations.RunPython(publish, unpublish)]
