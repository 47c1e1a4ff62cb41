"""
Word lists for the demo corpus, as (English, Arabic, Farsi) triplets.

The corpus is made from these by templates, so every language reads in its own
script. The people are fictional: names are combined from common first and last names.
Over 300 lines because it is data (word lists), not logic.
"""

LANGS = ("en", "ar", "fa")

ARTICLE_TYPES = [
    ("Brief Analysis", "تحليل موجز", "تحلیل کوتاه"),
    ("Policy Analysis", "تحليل السياسات", "تحلیل سیاستی"),
    ("Articles & Testimony", "مقالات وشهادات", "مقالات و شهادت‌ها"),
    ("Policy Notes", "ملاحظات سياسية", "یادداشت‌های سیاستی"),
    ("Podcast", "بودكاست", "پادکست"),
    ("Interview", "مقابلة", "مصاحبه"),
]

# Each topic: its name, then the nouns its articles talk about.
TOPICS = [
    (
        ("Energy & Economics", "الطاقة والاقتصاد", "انرژی و اقتصاد"),
        [
            ("oil exports", "صادرات النفط", "صادرات نفت"),
            ("gas fields", "حقول الغاز", "میدان‌های گازی"),
            ("inflation", "التضخم", "تورم"),
            ("the national currency", "العملة الوطنية", "پول ملی"),
            ("sanctions relief", "تخفيف العقوبات", "کاهش تحریم‌ها"),
            ("energy markets", "أسواق الطاقة", "بازارهای انرژی"),
        ],
    ),
    (
        ("Proliferation", "الانتشار النووي", "اشاعه هسته‌ای"),
        [
            ("uranium enrichment", "تخصيب اليورانيوم", "غنی‌سازی اورانیوم"),
            ("the nuclear program", "البرنامج النووي", "برنامه هسته‌ای"),
            ("international inspections", "عمليات التفتيش الدولية", "بازرسی‌های بین‌المللی"),
            ("advanced centrifuges", "أجهزة الطرد المركزي المتطورة", "سانتریفیوژهای پیشرفته"),
            ("the nuclear deal", "الاتفاق النووي", "توافق هسته‌ای"),
            ("ballistic missiles", "الصواريخ الباليستية", "موشک‌های بالستیک"),
        ],
    ),
    (
        ("U.S. Policy", "السياسة الأمريكية", "سیاست آمریکا"),
        [
            ("American diplomacy", "الدبلوماسية الأمريكية", "دیپلماسی آمریکا"),
            ("congressional oversight", "رقابة الكونغرس", "نظارت کنگره"),
            ("alliance commitments", "الالتزامات تجاه الحلفاء", "تعهدات به متحدان"),
            ("deterrence", "الردع", "بازدارندگی"),
            ("security assistance", "المساعدات الأمنية", "کمک‌های امنیتی"),
            ("regional strategy", "الاستراتيجية الإقليمية", "راهبرد منطقه‌ای"),
        ],
    ),
    (
        ("Military & Security", "الشؤون العسكرية والأمنية", "امور نظامی و امنیتی"),
        [
            ("the Revolutionary Guard", "الحرس الثوري", "سپاه پاسداران"),
            ("armed militias", "الميليشيات المسلحة", "شبه‌نظامیان مسلح"),
            ("air defenses", "الدفاعات الجوية", "پدافند هوایی"),
            ("drone warfare", "حرب الطائرات المسيّرة", "جنگ پهپادی"),
            ("naval forces", "القوات البحرية", "نیروی دریایی"),
            ("border security", "أمن الحدود", "امنیت مرزها"),
        ],
    ),
    (
        ("Terrorism", "الإرهاب", "تروریسم"),
        [
            ("extremist groups", "الجماعات المتطرفة", "گروه‌های افراطی"),
            ("terrorist financing", "تمويل الإرهاب", "تأمین مالی تروریسم"),
            ("online recruitment", "التجنيد عبر الإنترنت", "عضوگیری اینترنتی"),
            ("counterterrorism cooperation", "التعاون في مكافحة الإرهاب", "همکاری ضدتروریستی"),
            ("foreign fighters", "المقاتلين الأجانب", "جنگجویان خارجی"),
            ("detention camps", "مخيمات الاحتجاز", "اردوگاه‌های بازداشت"),
        ],
    ),
    (
        ("Democracy & Reform", "الديمقراطية والإصلاح", "دموکراسی و اصلاحات"),
        [
            ("parliamentary elections", "الانتخابات البرلمانية", "انتخابات مجلس"),
            ("street protests", "الاحتجاجات الشعبية", "اعتراضات خیابانی"),
            ("civil society", "المجتمع المدني", "جامعه مدنی"),
            ("women's rights", "حقوق المرأة", "حقوق زنان"),
            ("judicial independence", "استقلال القضاء", "استقلال قوه قضاییه"),
            ("press freedom", "حرية الصحافة", "آزادی مطبوعات"),
        ],
    ),
    (
        ("Great Power Competition", "التنافس بين القوى الكبرى", "رقابت قدرت‌های بزرگ"),
        [
            ("Chinese investment", "الاستثمارات الصينية", "سرمایه‌گذاری چین"),
            ("Russian arms sales", "صفقات الأسلحة الروسية", "فروش تسلیحات روسیه"),
            ("trade corridors", "الممرات التجارية", "کریدورهای تجاری"),
            ("strategic partnerships", "الشراكات الاستراتيجية", "مشارکت‌های راهبردی"),
            ("technology transfers", "نقل التكنولوجيا", "انتقال فناوری"),
            ("spheres of influence", "مناطق النفوذ", "حوزه‌های نفوذ"),
        ],
    ),
    (
        ("Arab-Israeli Relations", "العلاقات العربية الإسرائيلية", "روابط اعراب و اسرائیل"),
        [
            ("normalization agreements", "اتفاقيات التطبيع", "توافق‌های عادی‌سازی"),
            ("the peace process", "عملية السلام", "روند صلح"),
            ("reconstruction in Gaza", "إعادة إعمار غزة", "بازسازی غزه"),
            ("security coordination", "التنسيق الأمني", "هماهنگی امنیتی"),
            ("the ceasefire", "وقف إطلاق النار", "آتش‌بس"),
            ("regional integration", "التكامل الإقليمي", "همگرایی منطقه‌ای"),
        ],
    ),
    (
        ("Gulf Security", "أمن الخليج", "امنیت خلیج فارس"),
        [
            ("shipping lanes", "ممرات الملاحة", "مسیرهای کشتیرانی"),
            ("the Strait of Hormuz", "مضيق هرمز", "تنگه هرمز"),
            ("tanker seizures", "احتجاز ناقلات النفط", "توقیف نفتکش‌ها"),
            ("maritime security", "الأمن البحري", "امنیت دریایی"),
            ("regional dialogue", "الحوار الإقليمي", "گفت‌وگوی منطقه‌ای"),
            ("missile defense", "الدفاع الصاروخي", "دفاع موشکی"),
        ],
    ),
    (
        ("Religion & Politics", "الدين والسياسة", "دین و سیاست"),
        [
            ("clerical authority", "السلطة الدينية", "مرجعیت دینی"),
            ("leadership succession", "خلافة القيادة", "جانشینی رهبری"),
            ("sectarian tensions", "التوترات الطائفية", "تنش‌های فرقه‌ای"),
            ("state ideology", "أيديولوجيا الدولة", "ایدئولوژی حکومتی"),
            ("religious endowments", "الأوقاف الدينية", "موقوفات دینی"),
            ("Friday sermons", "خطب الجمعة", "خطبه‌های نماز جمعه"),
        ],
    ),
]

# Each region: its name, then its countries.
REGIONS = [
    (
        ("Middle East", "الشرق الأوسط", "خاورمیانه"),
        [
            ("Iraq", "العراق", "عراق"),
            ("Syria", "سوريا", "سوریه"),
            ("Lebanon", "لبنان", "لبنان"),
            ("Israel", "إسرائيل", "اسرائیل"),
            ("Jordan", "الأردن", "اردن"),
            ("Egypt", "مصر", "مصر"),
            ("Turkey", "تركيا", "ترکیه"),
        ],
    ),
    (
        ("Gulf & Iran", "الخليج وإيران", "خلیج فارس و ایران"),
        [
            ("Iran", "إيران", "ایران"),
            ("Saudi Arabia", "السعودية", "عربستان سعودی"),
            ("United Arab Emirates", "الإمارات العربية المتحدة", "امارات متحده عربی"),
            ("Qatar", "قطر", "قطر"),
            ("Yemen", "اليمن", "یمن"),
        ],
    ),
    (
        ("North Africa", "شمال أفريقيا", "شمال آفریقا"),
        [
            ("Libya", "ليبيا", "لیبی"),
            ("Tunisia", "تونس", "تونس"),
            ("Algeria", "الجزائر", "الجزایر"),
            ("Morocco", "المغرب", "مراکش"),
        ],
    ),
]

# Who acts in the headlines.
ACTORS = [
    ("Tehran", "طهران", "تهران"),
    ("Washington", "واشنطن", "واشنگتن"),
    ("Moscow", "موسكو", "مسکو"),
    ("Beijing", "بكين", "پکن"),
    ("Riyadh", "الرياض", "ریاض"),
    ("Baghdad", "بغداد", "بغداد"),
    ("Ankara", "أنقرة", "آنکارا"),
    ("Cairo", "القاهرة", "قاهره"),
    ("Abu Dhabi", "أبوظبي", "ابوظبی"),
    ("Hezbollah", "حزب الله", "حزب‌الله"),
    ("the Houthis", "الحوثيون", "حوثی‌ها"),
    ("the Supreme Leader", "المرشد الأعلى", "رهبر جمهوری اسلامی"),
]

# Synonym sets: the spellings of the demo's names that search joins (seed_demo creates
# them; editors keep them in the admin). Farsi and Arabic spellings that only differ by
# what normalisation folds (ZWNJ or space, ي or ی) need no entry of their own.
SYNONYMS = [
    ("Hezbollah", ["Hezbollah", "Hizballah", "Hizbullah", "Hizbollah", "حزب الله", "حزب‌الله"]),
    (
        "Houthis",
        ["Houthis", "Huthis", "Ansar Allah", "الحوثيون", "أنصار الله", "حوثی‌ها", "انصارالله"],
    ),
    ("Khamenei", ["Khamenei", "Khamene'i", "Khamenehi", "خامنئي", "خامنه‌ای"]),
    ("Supreme Leader", ["Supreme Leader", "المرشد الأعلى", "رهبر جمهوری اسلامی", "رهبر معظم"]),
    (
        "Revolutionary Guard",
        ["Revolutionary Guard", "IRGC", "Sepah", "الحرس الثوري", "سپاه پاسداران"],
    ),
    ("Abu Dhabi", ["Abu Dhabi", "Abudhabi", "أبوظبي", "ابوظبی"]),
    ("Riyadh", ["Riyadh", "Riyad", "الرياض", "ریاض"]),
    ("Beijing", ["Beijing", "Peking", "بكين", "بيجين", "پکن"]),
    ("Tehran", ["Tehran", "Teheran", "طهران", "تهران"]),
]

FIRST_NAMES = [
    ("Michael", "مايكل", "مایکل"),
    ("Sarah", "سارة", "سارا"),
    ("David", "ديفيد", "دیوید"),
    ("Hanin", "حنين", "حنین"),
    ("Omar", "عمر", "عمر"),
    ("Farzin", "فرزين", "فرزین"),
    ("Dana", "دانا", "دانا"),
    ("Patrick", "باتريك", "پاتریک"),
    ("Leila", "ليلى", "لیلا"),
    ("Matthew", "ماثيو", "متیو"),
    ("Ali", "علي", "علی"),
    ("Grant", "غرانت", "گرانت"),
    ("Elizabeth", "إليزابيث", "الیزابت"),
    ("Noura", "نورة", "نوره"),
    ("Mehdi", "مهدي", "مهدی"),
    ("Katherine", "كاثرين", "کاترین"),
    ("Yusuf", "يوسف", "یوسف"),
    ("Anna", "آنا", "آنا"),
]
LAST_NAMES = [
    ("Harper", "هاربر", "هارپر"),
    ("Nasser", "ناصر", "ناصر"),
    ("Karimi", "كريمي", "کریمی"),
    ("Whitfield", "ويتفيلد", "ویتفیلد"),
    ("Haddad", "حداد", "حداد"),
    ("Rostami", "رستمي", "رستمی"),
    ("Morgan", "مورغان", "مورگان"),
    ("Salem", "سالم", "سالم"),
    ("Tehrani", "طهراني", "تهرانی"),
    ("Bennett", "بينيت", "بنت"),
    ("Khoury", "خوري", "خوری"),
    ("Farahani", "فراهاني", "فراهانی"),
    ("Collins", "كولينز", "کالینز"),
    ("Mansour", "منصور", "منصور"),
    ("Azizi", "عزيزي", "عزیزی"),
    ("Reed", "ريد", "رید"),
    ("Jaber", "جابر", "جابر"),
    ("Sadeghi", "صادقي", "صادقی"),
]
ROLES = [
    ("Senior Fellow", "زميل أول", "پژوهشگر ارشد"),
    ("Fellow", "زميل", "پژوهشگر"),
    ("Director of the Energy Program", "مدير برنامة الطاقة", "مدیر برنامه انرژی"),
    ("Adjunct Scholar", "باحث مشارك", "پژوهشگر وابسته"),
    ("Visiting Fellow", "زميل زائر", "پژوهشگر مدعو"),
    ("Research Assistant", "مساعد باحث", "دستیار پژوهشی"),
]

SHORT_BIO = (
    "{name} is a {role} at the institute whose work focuses on {a} and {b}.",
    "{name} {role} في المعهد، ويتركز عمله على {a} و{b}.",
    "{name} {role} مؤسسه است و بر {a} و {b} تمرکز دارد.",
)
FULL_BIO_EXTRA = (
    "Before joining the institute, {name} worked for a decade in government and "
    "has testified before Congress on {a}. Their writing has appeared in leading newspapers.",
    "قبل الانضمام إلى المعهد، عمل {name} عقداً من الزمن في القطاع الحكومي، وأدلى بشهادته "
    "أمام الكونغرس بشأن {a}. نُشرت كتاباته في كبريات الصحف.",
    "{name} پیش از پیوستن به مؤسسه، یک دهه در دولت کار کرده و درباره {a} در کنگره "
    "شهادت داده است. نوشته‌های او در روزنامه‌های معتبر منتشر شده است.",
)

TITLES = [
    ("{N} in {P}: What Comes Next", "{N} في {P}: ماذا بعد؟", "{N} در {P}: گام بعدی چیست؟"),
    ("How {S} Is Reshaping {N}", "كيف يعيد {S} تشكيل {N}", "{S} چگونه {N} را دگرگون می‌کند"),
    ("{S} and the Limits of {N}", "{S} وحدود {N}", "{S} و محدودیت‌های {N}"),
    ("The Stakes of {N} for {P}", "رهانات {N} بالنسبة إلى {P}", "اهمیت {N} برای {P}"),
    ("Why {N} Matters to {S}", "لماذا يهتم {S} بـ{N}", "چرا {N} برای {S} مهم است"),
    (
        "{P} After the Crisis: {N} Under Pressure",
        "{P} بعد الأزمة: {N} تحت الضغط",
        "{P} پس از بحران: {N} زیر فشار",
    ),
]

SUMMARIES = [
    (
        "The way {S} handles {N} carries consequences for {P} "
        "and for U.S. interests in the region.",
        "تحمل طريقة تعامل {S} مع {N} عواقب على {P} وعلى المصالح الأمريكية في المنطقة.",
        "نحوه برخورد {S} با {N} پیامدهایی برای {P} و منافع آمریکا در منطقه دارد.",
    ),
    (
        "A shift in {N} is under way in {P}, and Washington has a narrow window to shape it.",
        "يجري تحول في {N} في {P}، ولدى واشنطن فرصة ضيقة للتأثير فيه.",
        "تحولی در {N} در {P} در جریان است و واشنگتن فرصت اندکی برای شکل دادن به آن دارد.",
    ),
    (
        "New evidence on {N} suggests that {S} is recalculating its options.",
        "تشير أدلة جديدة بشأن {N} إلى أن {S} يعيد حساب خياراته.",
        "شواهد تازه درباره {N} نشان می‌دهد که {S} در حال بازنگری در گزینه‌های خود است.",
    ),
]

SENTENCES = [
    (
        "{S} has spent the past year recalibrating its approach to {N}, "
        "and the results are now visible in {P}.",
        "أمضى {S} العام الماضي في إعادة ضبط نهجه تجاه {N}، وباتت النتائج واضحة في {P}.",
        "{S} در سال گذشته رویکرد خود به {N} را بازتنظیم کرده و نتایج آن اکنون در {P} آشکار است.",
    ),
    (
        "Officials in {P} describe {N} as the most pressing issue on their agenda.",
        "يصف المسؤولون في {P} {N} بأنه القضية الأكثر إلحاحاً على جدول أعمالهم.",
        "مقام‌های {P} {N} را فوری‌ترین مسئله دستور کار خود می‌دانند.",
    ),
    (
        "The debate over {N} is closely tied to questions about {M}.",
        "يرتبط الجدل حول {N} ارتباطاً وثيقاً بالتساؤلات بشأن {M}.",
        "بحث درباره {N} پیوند نزدیکی با پرسش‌هایی درباره {M} دارد.",
    ),
    (
        "Any serious policy toward {P} will have to account for {N}.",
        "سيتعين على أي سياسة جادة تجاه {P} أن تأخذ {N} في الحسبان.",
        "هر سیاست جدی در قبال {P} باید {N} را در نظر بگیرد.",
    ),
    (
        "Washington should press its partners to coordinate on {N} before the window closes.",
        "ينبغي لواشنطن أن تحث شركاءها على التنسيق بشأن {N} قبل فوات الأوان.",
        "واشنگتن باید پیش از بسته شدن این فرصت، شرکای خود را به هماهنگی درباره {N} ترغیب کند.",
    ),
    (
        "Recent statements suggest that {S} sees {M} as leverage rather than a liability.",
        "تشير التصريحات الأخيرة إلى أن {S} يرى في {M} ورقة ضغط لا عبئاً.",
        "اظهارات اخیر نشان می‌دهد که {S} {M} را اهرم فشار می‌بیند، نه بار اضافی.",
    ),
    (
        "Analysts who follow {P} closely expect {N} to dominate the coming months.",
        "يتوقع المحللون الذين يتابعون {P} عن كثب أن تهيمن قضية {N} على الأشهر المقبلة.",
        "تحلیلگرانی که {P} را از نزدیک دنبال می‌کنند انتظار دارند {N} بر ماه‌های آینده سایه بیندازد.",
    ),
    (
        "The record of the past decade shows that {N} rarely moves in a straight line.",
        "يُظهر سجل العقد الماضي أن مسار {N} نادراً ما يكون مستقيماً.",
        "کارنامه دهه گذشته نشان می‌دهد که {N} به‌ندرت در مسیری مستقیم پیش می‌رود.",
    ),
    (
        "For now, {S} appears to be betting that {M} will buy it time.",
        "يبدو أن {S} يراهن في الوقت الراهن على أن {M} سيمنحه مزيداً من الوقت.",
        "به نظر می‌رسد {S} فعلاً شرط بسته است که {M} برایش زمان می‌خرد.",
    ),
]

SUBHEADS = [
    ("The View from {P}", "المشهد من {P}", "نگاهی از {P}"),
    ("What {S} Wants", "ماذا يريد {S}؟", "{S} چه می‌خواهد؟"),
    (
        "Implications for U.S. Policy",
        "التداعيات على السياسة الأمريكية",
        "پیامدها برای سیاست آمریکا",
    ),
]
RECOMMENDATIONS_HEAD = ("Policy Recommendations", "توصيات سياسية", "توصیه‌های سیاستی")
RECOMMENDATIONS = [
    (
        "Coordinate closely with partners on {N}.",
        "التنسيق الوثيق مع الشركاء بشأن {N}.",
        "هماهنگی نزدیک با شرکا درباره {N}.",
    ),
    (
        "Make clear that {M} will carry real costs.",
        "التوضيح بأن {M} سيترتب عليه ثمن حقيقي.",
        "روشن کردن اینکه {M} هزینه واقعی خواهد داشت.",
    ),
    (
        "Invest in independent monitoring of {N} in {P}.",
        "الاستثمار في الرصد المستقل لـ{N} في {P}.",
        "سرمایه‌گذاری در پایش مستقل {N} در {P}.",
    ),
]
SEE_ALSO = ("See also", "انظر أيضاً", "همچنین ببینید")
# The demo's correction of one piece, in each language (seed_demo).
CORRECTION = (
    "<p>An earlier version of this piece gave the wrong year for the agreement: it was "
    "signed in 2015, not 2016.</p>",
    "<p>ذكرت نسخة سابقة من هذا المقال سنة خاطئة للاتفاق: فقد وُقِّع عام 2015، لا عام 2016.</p>",
    "<p>در نسخهٔ پیشین این نوشته سال توافق نادرست آمده بود: توافق در سال ۲۰۱۵ امضا شد، نه ۲۰۱۶.</p>",
)
# The demo's PDF report, attached to one piece in each language (seed_demo). The file's
# own text is in English: a PDF of Arabic or Farsi text needs an embedded, shaped font.
REPORT_TITLE = (
    "Full report (PDF)",
    "التقرير الكامل (PDF)",
    "گزارش کامل (PDF)",
)
REPORT_FILE_TITLE = "The Institute: Full Report"
REPORT_FILE_LINES = [
    "This is the demo's report, attached to a piece in English, Arabic and Farsi.",
    "A real report would carry the analysis, its data and its sources.",
]
# The demo's podcast episode: 4 min 5 s of silence (demo/audio.py), one outside guest.
EPISODE_SECONDS = 245
EPISODE_OUTSIDE_GUEST = "Sara Lindqvist"
AUTHOR_NOTE = (
    "This analysis draws on the author's interviews with officials in {P}.",
    "يستند هذا التحليل إلى مقابلات أجراها الكاتب مع مسؤولين في {P}.",
    "این تحلیل بر پایه گفت‌وگوهای نویسنده با مقام‌های {P} است.",
)
HERO_CREDIT = (
    "Demo image generated with Pillow",
    "صورة تجريبية مولدة بواسطة Pillow",
    "تصویر نمونه ساخته‌شده با Pillow",
)
HERO_ALT = (
    "An abstract map-like illustration in {colour} tones",
    "رسم تجريدي يشبه الخريطة بألوان {colour}",
    "تصویری انتزاعی شبیه نقشه با رنگ‌های {colour}",
)
COLOURS = [
    ("blue", "زرقاء", "آبی"),
    ("amber", "كهرمانية", "کهربایی"),
    ("green", "خضراء", "سبز"),
    ("red", "حمراء", "قرمز"),
]

TERM_DESCRIPTION = (
    "Analysis of {name} by the institute's experts.",
    "تحليلات حول {name} يقدمها خبراء المعهد.",
    "تحلیل‌هایی درباره {name} از کارشناسان مؤسسه.",
)
