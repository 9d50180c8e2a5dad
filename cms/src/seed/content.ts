// Demo content for the four Baobab demo sites. All text is original, written for this seed.
// Bodies use the Markdown subset described in types.ts. English (`en`) is the source of every
// article; other locales are deliberately partial so that locale fallback can be seen.
import type { SeedContent } from './types';

const SUB_SAHARAN = ['kijana-ke', 'thrive-za', 'mama-ng'] as const;

export const demoContent: SeedContent = {
  // ---------------------------------------------------------------------------------------
  // Sites
  // ---------------------------------------------------------------------------------------
  sites: [
    {
      code: 'kijana-ke',
      name: 'Kijana Kenya',
      hostnames: ['kijana-ke.localhost'],
      defaultLocale: 'en-KE',
      locales: ['en-KE', 'sw-KE'],
      theme: 'sunrise',
      themeTokens: { colors: { primary: '#B4531A' } },
      variables: [
        { key: 'helpline', value: '1190' },
        { key: 'clinicFinder', value: 'text CLINIC to 21393' },
      ],
      channels: {
        ussd: { serviceCodes: ['*384*100#'] },
        sms: { shortCode: '21393' },
        whatsapp: { phoneNumberId: '100000000000001' },
        telegram: { botUsername: 'KijanaKeBot' },
      },
    },
    {
      code: 'thrive-za',
      name: 'Thrive South Africa',
      hostnames: ['thrive-za.localhost'],
      defaultLocale: 'en-ZA',
      locales: ['en-ZA', 'zu-ZA'],
      theme: 'pulse',
      themeTokens: { colors: { primary: '#7B2CBF' } },
      variables: [{ key: 'helpline', value: '0800 012 322' }],
      channels: {
        ussd: { serviceCodes: ['*120*200#'] },
        sms: { shortCode: '31555' },
        whatsapp: { phoneNumberId: '100000000000002' },
        telegram: { botUsername: 'ThriveZaBot' },
      },
    },
    {
      code: 'mama-ng',
      name: 'MamaCare Nigeria',
      hostnames: ['mama-ng.localhost'],
      defaultLocale: 'en-NG',
      locales: ['en-NG', 'ha-NG', 'pcm-NG'],
      theme: 'base',
      themeTokens: { colors: { primary: '#0F7B6C' } },
      variables: [{ key: 'helpline', value: '0800 2255 6262' }],
      channels: {
        ussd: { serviceCodes: ['*347*300#'] },
        sms: { shortCode: '40400' },
        whatsapp: { phoneNumberId: '100000000000003' },
        telegram: { botUsername: 'MamaNgBot' },
      },
    },
    {
      code: 'amal-eg',
      name: 'Amal Egypt',
      hostnames: ['amal-eg.localhost'],
      defaultLocale: 'ar-EG',
      locales: ['ar-EG', 'en'],
      theme: 'base',
      themeTokens: { colors: { primary: '#1F6FB2' } },
      variables: [
        { key: 'helpline', value: '16021' },
        { key: 'helpline', value: '16021 (English line)', locale: 'en' },
      ],
      channels: {
        ussd: { serviceCodes: [] },
        sms: { shortCode: '19019' },
        whatsapp: { phoneNumberId: '100000000000004' },
        telegram: { botUsername: 'AmalEgBot' },
      },
    },
  ],

  // ---------------------------------------------------------------------------------------
  // Sections
  // ---------------------------------------------------------------------------------------
  sections: [
    {
      slug: 'periods',
      position: 1,
      sites: 'all',
      translations: {
        en: { title: 'Periods & puberty', description: 'Your changing body, your period and staying comfortable every month.' },
        sw: { title: 'Hedhi na balehe', description: 'Mabadiliko ya mwili wako, hedhi na jinsi ya kujitunza kila mwezi.' },
        'sw-KE': { title: 'Hedhi na kubalehe', description: 'Mwili wako unabadilika: hedhi, usafi na kujiamini kila mwezi.' },
        'zu-ZA': { title: 'Ukuya esikhathini nokuthomba', description: 'Umzimba wakho oshintshayo, ukuya esikhathini nokuzinakekela njalo ngenyanga.' },
        'ha-NG': { title: 'Al’ada da balaga', description: 'Canje-canjen jikinki, al’ada da yadda za ki kula da kanki kowane wata.' },
        'pcm-NG': { title: 'Period and body change', description: 'How your body dey change, your period, and how to take care of yourself every month.' },
        'ar-EG': { title: 'الدورة الشهرية والبلوغ', description: 'جسمك المتغير، والدورة الشهرية، وكيف تعتنين بنفسك كل شهر.' },
      },
    },
    {
      slug: 'contraception',
      position: 2,
      sites: 'all',
      translations: {
        en: { title: 'Contraception', description: 'Methods that prevent pregnancy, how they work and where to get them.' },
        sw: { title: 'Uzazi wa mpango', description: 'Njia za kuzuia mimba, jinsi zinavyofanya kazi na mahali pa kuzipata.' },
        'zu-ZA': { title: 'Ukuvimbela inzalo', description: 'Izindlela zokuvimbela ukukhulelwa, ukuthi zisebenza kanjani nalapho ungazithola khona.' },
        'ha-NG': { title: 'Tsarin iyali', description: 'Hanyoyin hana daukar ciki, yadda suke aiki da inda za a same su.' },
        'pcm-NG': { title: 'Family planning', description: 'Ways to stop belle, how dem dey work and where you fit get dem.' },
        'ar-EG': { title: 'وسائل منع الحمل', description: 'وسائل تمنع الحمل، وكيف تعمل، وأين يمكن الحصول عليها.' },
      },
    },
    {
      slug: 'hiv-and-stis',
      position: 3,
      sites: 'all',
      translations: {
        en: { title: 'HIV & STIs', description: 'Testing, prevention and treatment for HIV and other sexually transmitted infections.' },
        sw: { title: 'VVU na magonjwa ya zinaa', description: 'Kupima, kujikinga na matibabu ya VVU na magonjwa mengine ya zinaa.' },
        'zu-ZA': { title: 'I-HIV nezifo ezithathelwana ngocansi', description: 'Ukuhlolwa, ukuzivikela nokwelashwa kwe-HIV nezinye izifo ezithathelwana ngocansi.' },
        'ha-NG': { title: 'HIV da cututtukan jima’i', description: 'Gwaji, kariya da magani na HIV da sauran cututtukan da ake dauka ta jima’i.' },
        'pcm-NG': { title: 'HIV and STIs', description: 'Test, protection and treatment for HIV and other sickness wey dey pass through sex.' },
        'ar-EG': { title: 'فيروس نقص المناعة والأمراض المنقولة جنسياً', description: 'الفحص والوقاية والعلاج لفيروس نقص المناعة البشرية وغيره من العدوى المنقولة جنسياً.' },
      },
    },
    {
      slug: 'pregnancy',
      position: 4,
      sites: 'all',
      translations: {
        en: { title: 'Pregnancy & new babies', description: 'Staying well in pregnancy, giving birth safely and caring for your newborn.' },
        sw: { title: 'Ujauzito na watoto wachanga', description: 'Kuwa na afya wakati wa ujauzito, kujifungua salama na kumtunza mtoto mchanga.' },
        'zu-ZA': { title: 'Ukukhulelwa nezingane ezisanda kuzalwa', description: 'Ukuhlala uphilile uma ukhulelwe, ukubeletha ngokuphephile nokunakekela usana.' },
        'ha-NG': { title: 'Juna biyu da jarirai', description: 'Kula da lafiya lokacin juna biyu, haihuwa lafiya da kula da jariri.' },
        'pcm-NG': { title: 'Belle and new baby', description: 'How to stay well when you get belle, born safe, and take care of your new baby.' },
        'ar-EG': { title: 'الحمل والمولود الجديد', description: 'صحتك أثناء الحمل، والولادة الآمنة، ورعاية طفلك حديث الولادة.' },
      },
    },
    {
      slug: 'pregnancy-checkups',
      parent: 'pregnancy',
      position: 5,
      sites: 'all',
      translations: {
        en: { title: 'Pregnancy check-ups', description: 'What happens at antenatal and after-birth visits, and why every visit counts.' },
        sw: { title: 'Kliniki ya wajawazito', description: 'Kinachofanyika kliniki kabla na baada ya kujifungua, na kwa nini kila ziara ni muhimu.' },
        'zu-ZA': { title: 'Ukuhlolwa ngesikhathi sokukhulelwa', description: 'Okwenzeka emtholampilo ngaphambi nangemva kokubeletha, nokuthi kungani ukuvakasha ngakunye kubalulekile.' },
        'ha-NG': { title: 'Awon ciki a asibiti', description: 'Abin da ke faruwa a ziyarar awon ciki da bayan haihuwa, da muhimmancin kowace ziyara.' },
        'pcm-NG': { title: 'Antenatal check-up', description: 'Wetin dey happen for antenatal and after-born clinic visit, and why every visit important.' },
        'ar-EG': { title: 'متابعة الحمل', description: 'ماذا يحدث في زيارات متابعة الحمل وما بعد الولادة، ولماذا كل زيارة مهمة.' },
      },
    },
    {
      slug: 'mental-health',
      position: 6,
      sites: 'all',
      translations: {
        en: { title: 'Mental health', description: 'Looking after your mind: stress, low mood and where to find support.' },
        sw: { title: 'Afya ya akili', description: 'Kutunza akili yako: msongo wa mawazo, huzuni na mahali pa kupata msaada.' },
        'sw-KE': { title: 'Afya ya akili', description: 'Jali akili yako: stress ya shule, huzuni na wapi kupata msaada karibu nawe.' },
        'zu-ZA': { title: 'Impilo yengqondo', description: 'Ukunakekela ingqondo yakho: ukucindezeleka, ukudangala nalapho ungathola khona usizo.' },
        'ha-NG': { title: 'Lafiyar kwakwalwa', description: 'Kula da tunaninka: damuwa, bakin ciki da inda za a sami taimako.' },
        'pcm-NG': { title: 'Mind health', description: 'How to take care of your mind: stress, when your mind no dey happy, and where to find help.' },
        'ar-EG': { title: 'الصحة النفسية', description: 'العناية بنفسيتك: التوتر، والحزن، وأين تجد الدعم.' },
      },
    },
    {
      slug: 'nutrition',
      position: 7,
      sites: 'all',
      translations: {
        en: { title: 'Food & nutrition', description: 'Eating well for growing bodies, pregnancy and breastfeeding.' },
        sw: { title: 'Lishe bora', description: 'Kula vizuri kwa miili inayokua, wakati wa ujauzito na unaponyonyesha.' },
        'zu-ZA': { title: 'Ukudla nokondleka', description: 'Ukudla kahle kwemizimba ekhulayo, ngesikhathi sokukhulelwa nokuncelisa.' },
        'ha-NG': { title: 'Abinci mai gina jiki', description: 'Cin abinci mai kyau ga jiki mai girma, lokacin juna biyu da shayarwa.' },
        'pcm-NG': { title: 'Food wey good for body', description: 'Chop well for growing body, when you get belle and when you dey breastfeed.' },
        'ar-EG': { title: 'التغذية', description: 'أكل صحي للجسم في مرحلة النمو، وأثناء الحمل والرضاعة.' },
      },
    },
    {
      slug: 'relationships',
      position: 8,
      sites: 'all',
      translations: {
        en: { title: 'Relationships & consent', description: 'Respect, consent and how to tell if a relationship is good for you.' },
        sw: { title: 'Mahusiano na ridhaa', description: 'Heshima, ridhaa na jinsi ya kujua kama uhusiano ni mzuri kwako.' },
        'zu-ZA': { title: 'Ubudlelwano nemvume', description: 'Inhlonipho, imvume nokwazi ukuthi ubudlelwano buyakulungela yini.' },
        'ha-NG': { title: 'Dangantaka da yarda', description: 'Girmamawa, yarda da yadda za a gane dangantaka mai kyau.' },
        'pcm-NG': { title: 'Relationship and consent', description: 'Respect, consent, and how you go know if relationship dey good for you.' },
        'ar-EG': { title: 'العلاقات والموافقة', description: 'الاحترام، والموافقة، وكيف تعرف إن كانت العلاقة صحية لك.' },
      },
    },
  ],

  // ---------------------------------------------------------------------------------------
  // Articles
  // ---------------------------------------------------------------------------------------
  articles: [
    // ----- Shared by every site (en + ar, and {{helpline}} in every translation) -----
    {
      slug: 'hiv-testing-basics',
      section: 'hiv-and-stis',
      sites: 'all',
      tags: ['hiv', 'testing'],
      daysAgo: 3,
      featured: true,
      image: { hue: 200, motif: 'circles', alt: 'Abstract blue circles overlapping on a pale background' },
      translations: {
        en: {
          title: 'HIV testing: what to expect and why it matters',
          lead: 'An HIV test is quick, private and the only way to know your status. Here is what happens, step by step.',
          body: `Knowing your HIV status puts you in control. If the result is negative, you can plan how to stay that way. If it is positive, starting treatment early keeps you healthy and protects the people you love.

## How the test works

Most clinics use a rapid test. A health worker pricks your finger for a drop of blood, and the result is ready in about 15 to 20 minutes. Some places also offer **self-test kits** that use a swab from your gums, so you can test at home.

## What happens at the clinic

1. You talk privately with a counsellor about the test.
2. You give a small blood sample.
3. You get your result and talk about what it means for you.

Your result is _confidential_. Nobody else should be told without your permission.

## When to test

- At least once a year if you are sexually active
- After sex without a condom, or if a condom broke
- When you are pregnant, at your first antenatal visit
- Before starting PrEP

If you are worried or have questions, call {{helpline}}. You can also read more from the [World Health Organization](https://www.who.int/health-topics/hiv-aids).`,
          channelOverrides: {
            ussd: 'HIV tests are quick, private and free at most clinics. Result in 15-20 minutes. Test yearly if sexually active. Questions? Call {{helpline}}.',
            sms: 'HIV testing is quick and private: a finger-prick test gives your result in 15-20 minutes, and self-test kits let you test at home. Test at least once a year if you are sexually active, after sex without a condom and when pregnant. Your result is confidential. Questions? Call {{helpline}}.',
          },
        },
        ar: {
          title: 'فحص فيروس نقص المناعة: ماذا تتوقع ولماذا هو مهم',
          lead: 'فحص فيروس نقص المناعة البشرية سريع وسري، وهو الطريقة الوحيدة لمعرفة حالتك. إليك ما يحدث خطوة بخطوة.',
          body: `معرفة حالتك تجاه فيروس نقص المناعة البشرية تجعلك صاحب القرار. إذا كانت النتيجة سلبية، يمكنك التخطيط للبقاء بأمان. وإذا كانت إيجابية، فإن بدء العلاج مبكراً يحافظ على صحتك ويحمي من تحب.

## كيف يتم الفحص

تستخدم معظم العيادات فحصاً سريعاً. يأخذ العامل الصحي قطرة دم من إصبعك، وتظهر النتيجة خلال 15 إلى 20 دقيقة تقريباً. وتوفر بعض الأماكن **فحصاً ذاتياً** يمكنك إجراؤه في المنزل.

## متى تجري الفحص

- مرة واحدة على الأقل كل عام إذا كنت نشطاً جنسياً
- بعد علاقة دون واقٍ ذكري
- عند الحمل، في أول زيارة لمتابعة الحمل

نتيجتك _سرية_ ولا يحق لأحد معرفتها دون إذنك. إذا كانت لديك أسئلة، اتصل بالرقم {{helpline}}.`,
        },
        sw: {
          title: 'Kupima VVU: unachotarajia na kwa nini ni muhimu',
          lead: 'Kipimo cha VVU ni cha haraka, cha siri, na ndiyo njia pekee ya kujua hali yako.',
          body: `Kujua hali yako ya VVU kunakupa uwezo wa kujiamulia. Ukipatikana huna VVU, unaweza kupanga jinsi ya kuendelea kujikinga. Ukipatikana nayo, kuanza matibabu mapema kunakuweka na afya na kuwalinda wapendwa wako.

## Jinsi kipimo kinavyofanyika

1. Unaongea faraghani na mshauri.
2. Mhudumu wa afya anachukua tone la damu kutoka kidoleni.
3. Baada ya dakika 15 hadi 20 unapata majibu na kuzungumza kuhusu maana yake.

## Wakati wa kupima

- Angalau mara moja kwa mwaka kama unashiriki ngono
- Baada ya ngono bila kondomu
- Unapokuwa mjamzito, katika kliniki ya kwanza

Majibu yako ni **siri**. Ukiwa na maswali, piga simu {{helpline}}.`,
        },
      },
    },
    {
      slug: 'emergency-contraception',
      section: 'contraception',
      sites: 'all',
      tags: ['contraception', 'emergency'],
      daysAgo: 9,
      image: { hue: 330, motif: 'sun', alt: 'Abstract pink sun with soft rays on a light background' },
      translations: {
        en: {
          title: 'Emergency contraception: what to do after unprotected sex',
          lead: 'If a condom broke or you had sex without protection, emergency contraception can lower the chance of pregnancy. The sooner, the better.',
          body: `Accidents happen. A condom can slip or break, you might miss pills, or sex might happen without your choice. Emergency contraception gives you a second chance to prevent pregnancy.

## Your options

- **Emergency contraceptive pills.** They work best when taken as soon as possible, ideally within 72 hours (3 days). Some types work up to 5 days. Ask a pharmacist or nurse which one you are getting.
- **Copper IUD.** A small device placed in the womb by a trained health worker within 5 days. It is the most effective option and can be kept as ongoing contraception.

## What to know

1. Emergency pills do _not_ end an existing pregnancy and do not harm one.
2. They do not protect against HIV or other STIs, so think about testing and PEP too.
3. Your next period may come a little early or late. If it is more than a week late, take a pregnancy test.

## If sex was forced

You are not to blame. Go to a clinic or hospital as soon as you can: you can get emergency contraception, PEP to prevent HIV, and support. Call {{helpline}} to talk to someone you can trust.`,
          channelOverrides: {
            ussd: 'Condom broke or sex without protection? Take an emergency pill as soon as you can, best within 3 days. A copper IUD within 5 days works best.',
            sms: 'Condom broke or sex without protection? Emergency pills work best taken as soon as possible, within 3 days (some up to 5). A copper IUD fitted within 5 days is the most effective option. Neither protects against HIV: ask about PEP and testing.',
          },
        },
        ar: {
          title: 'منع الحمل الطارئ: ماذا تفعلين بعد علاقة غير محمية',
          lead: 'إذا تمزق الواقي أو حدثت علاقة دون وسيلة حماية، فإن منع الحمل الطارئ يقلل فرص الحمل. كلما كان ذلك أسرع كان أفضل.',
          body: `## الخيارات المتاحة

- **حبوب منع الحمل الطارئة:** تكون أكثر فعالية عند تناولها في أقرب وقت، ويفضل خلال 72 ساعة. بعض الأنواع تعمل حتى 5 أيام.
- **اللولب النحاسي:** يركّبه عامل صحي مدرّب خلال 5 أيام، وهو الخيار الأكثر فعالية.

## ما يجب معرفته

1. الحبوب الطارئة _لا_ تنهي حملاً قائماً ولا تضره.
2. لا تحمي من فيروس نقص المناعة أو الأمراض المنقولة جنسياً.
3. إذا تأخرت دورتك أكثر من أسبوع، أجري اختبار حمل.

إذا حدثت العلاقة بالإكراه، فأنتِ لستِ مذنبة. توجّهي إلى أقرب مستشفى في أسرع وقت، واتصلي بالرقم {{helpline}} للحصول على الدعم.`,
        },
        sw: {
          title: 'Uzazi wa mpango wa dharura: ufanye nini baada ya ngono bila kinga',
          lead: 'Kondomu ikipasuka au ukishiriki ngono bila kinga, njia za dharura zinaweza kupunguza uwezekano wa mimba.',
          body: `## Njia zilizopo

- **Vidonge vya dharura:** hufanya kazi vizuri zaidi vikimezwa mapema, ikiwezekana ndani ya saa 72. Baadhi hufanya kazi hadi siku 5.
- **Kitanzi cha shaba (copper IUD):** huwekwa na mhudumu wa afya ndani ya siku 5, na ndiyo njia yenye ufanisi zaidi.

## Mambo ya kujua

1. Vidonge hivi _havitoi_ mimba iliyopo.
2. Havikukingi dhidi ya VVU wala magonjwa ya zinaa.
3. Hedhi ikichelewa zaidi ya wiki moja, pima mimba.

Kama ulilazimishwa, si kosa lako. Nenda hospitali haraka na upige simu {{helpline}} kupata msaada.`,
        },
        'pcm-NG': {
          title: 'Emergency family planning: wetin to do after sex without protection',
          lead: 'If condom burst or you do sex without protection, emergency pill fit reduce the chance say belle go enter. Quick quick na the best.',
          body: `## Wetin you fit use

- **Emergency pill:** e dey work best if you take am quick, better inside 72 hours (3 days). Some type fit work reach 5 days.
- **Copper IUD:** health worker go put am inside 5 days. Na the one wey work pass.

## Wetin you suppose know

1. Emergency pill no dey remove belle wey don already enter.
2. E no dey protect you from HIV or STI.
3. If your period late pass one week, do pregnancy test.

If dem force you, no be your fault. Go hospital sharp sharp and call {{helpline}} make you get help.`,
        },
      },
    },
    {
      slug: 'pregnancy-danger-signs',
      section: 'pregnancy',
      sites: 'all',
      tags: ['pregnancy', 'emergency'],
      daysAgo: 2,
      featured: true,
      image: { hue: 15, motif: 'waves', alt: 'Abstract red and orange waves flowing across the picture' },
      translations: {
        en: {
          title: 'Danger signs in pregnancy: when to go to the clinic straight away',
          lead: 'Most pregnancies go well, but some signs mean you need care urgently. Know them, and share them with your family.',
          body: `Most pregnancies go smoothly, yet problems can start suddenly. Knowing the warning signs can save your life and your baby's life. Share this list with your partner, family or whoever will help you get to care.

## Go to a health facility immediately if you have

- Bleeding from the vagina, even a little
- A very bad headache, blurred vision or seeing spots
- Fits (convulsions) or fainting
- Swelling of your face or hands
- Fever, or feeling very weak
- Strong pain in your belly
- Water leaking from the vagina before labour starts
- Your baby moving much less than usual, or not at all
- Difficulty breathing

## Make a plan now

1. Know which facility you will go to, day or night.
2. Save money for transport, and keep a phone number for a driver or ambulance.
3. Choose someone who can come with you and care for your other children.

**Do not wait** to see if a danger sign goes away. It is always right to get checked. If you are unsure what to do, call {{helpline}} for advice, but never let a phone call delay going to a clinic.`,
        },
        ar: {
          title: 'علامات الخطر أثناء الحمل: متى تذهبين إلى المستشفى فوراً',
          lead: 'معظم حالات الحمل تمر بسلام، لكن بعض العلامات تعني أنك تحتاجين إلى رعاية عاجلة. تعرّفي عليها وشاركيها مع أسرتك.',
          body: `## اذهبي إلى المستشفى فوراً إذا لاحظتِ

- نزيفاً من المهبل، ولو كان قليلاً
- صداعاً شديداً أو زغللة في الرؤية
- تشنجات أو إغماء
- تورماً في الوجه أو اليدين
- حمى أو ضعفاً شديداً
- ألماً قوياً في البطن
- نزول ماء من المهبل قبل بدء الولادة
- قلة حركة الجنين أو توقفها

## جهّزي خطتك الآن

1. اعرفي المستشفى الذي ستذهبين إليه ليلاً أو نهاراً.
2. ادّخري أجرة المواصلات.
3. اختاري شخصاً يرافقك.

**لا تنتظري** حتى تختفي العلامة. إذا لم تكوني متأكدة، اتصلي بالرقم {{helpline}}، لكن لا تؤخري الذهاب إلى المستشفى.`,
        },
        sw: {
          title: 'Dalili za hatari wakati wa ujauzito',
          lead: 'Mimba nyingi huenda salama, lakini dalili fulani zinamaanisha unahitaji huduma haraka.',
          body: `## Nenda kituo cha afya mara moja ukiona

- Kutokwa na damu ukeni, hata kidogo
- Maumivu makali ya kichwa au kuona ukungu
- Degedege au kuzirai
- Kuvimba uso au mikono
- Homa kali
- Maumivu makali ya tumbo
- Maji kutoka ukeni kabla ya uchungu kuanza
- Mtoto kucheza kidogo kuliko kawaida au kutocheza kabisa

## Jiandae sasa

1. Jua kituo utakachoenda mchana au usiku.
2. Weka akiba ya nauli.
3. Chagua mtu atakayekusindikiza.

**Usisubiri.** Ukiwa na shaka, piga simu {{helpline}}, lakini simu isichelewesha safari yako ya kliniki.`,
        },
        'zu-ZA': {
          title: 'Izimpawu zengozi uma ukhulelwe',
          lead: 'Ukukhulelwa okuningi kuhamba kahle, kodwa ezinye izimpawu zisho ukuthi udinga usizo ngokushesha.',
          body: `## Yana emtholampilo ngokushesha uma

- Wopha esithweni sangasese, noma kuncane
- Unekhanda elibuhlungu kakhulu noma ungaboni kahle
- Uyadlikiza noma uyaquleka
- Ubuso noma izandla zivuvukele
- Unemfiva
- Unobuhlungu obukhulu esiswini
- Kuphuma amanzi ngaphambi kokuba kuqale imihelo
- Ingane ayisanyakazi njengakuqala

## Hlela manje

1. Yazi ukuthi uzoya kuphi, emini noma ebusuku.
2. Beka imali yokugibela.
3. Khetha umuntu ozohamba nawe.

**Ungalindi.** Uma ungaqiniseki, shayela u-{{helpline}}, kodwa ungavumeli ucingo lukubambezele.`,
        },
        'ha-NG': {
          title: 'Alamomin hatsari lokacin juna biyu',
          lead: 'Yawancin juna biyu suna tafiya lafiya, amma wasu alamomi suna nufin ki je asibiti nan take.',
          body: `## Ki je asibiti nan da nan idan kin ga

- Zubar jini ta farji, ko da kadan ne
- Ciwon kai mai tsanani ko rashin gani sosai
- Jijjiga ko suma
- Kumburin fuska ko hannaye
- Zazzabi
- Ciwon ciki mai tsanani
- Fitar ruwa kafin nakuda ta fara
- Jariri ba ya motsi kamar yadda ya saba

## Ki shirya yanzu

1. Ki san asibitin da za ki je dare ko rana.
2. Ki ajiye kudin mota.
3. Ki zabi wanda zai raka ki.

**Kada ki jira.** Idan ba ki da tabbas, ki kira {{helpline}}, amma kada kiran ya hana ki zuwa asibiti.`,
        },
        'pcm-NG': {
          title: 'Danger signs for belle: when to run go clinic',
          lead: 'Most belle dey go well, but some signs mean say you need help quick quick.',
          body: `## Go hospital sharp sharp if you see

- Blood dey comot from your private part, even small
- Strong headache or your eye no dey see well
- Jerking (convulsion) or you faint
- Your face or hand swell
- Fever
- Strong belle pain
- Water dey comot before labour start
- Baby no dey move like before

## Plan am now

1. Know the hospital wey you go go, day or night.
2. Keep transport money.
3. Choose person wey go follow you.

**No wait.** If you no sure, call {{helpline}}, but no let the call delay you to go hospital.`,
        },
      },
    },
    {
      slug: 'antenatal-care-visits',
      section: 'pregnancy-checkups',
      sites: 'all',
      tags: ['pregnancy', 'antenatal'],
      daysAgo: 6,
      image: { hue: 45, motif: 'sun', alt: 'Abstract golden sun rising over soft yellow bands' },
      translations: {
        en: {
          title: 'Antenatal care: why every check-up counts',
          lead: 'Regular check-ups in pregnancy catch problems early and help you prepare for a safe birth. Start as early as you can.',
          body: `Antenatal care means the check-ups you have while you are pregnant. They are for you _and_ your baby, even when you feel completely well.

## When to go

The World Health Organization recommends **at least eight contacts** with a health worker during pregnancy, with the first one in the first 12 weeks. If you are further along, it is never too late to start: go as soon as you can.

## What happens at a visit

- Your blood pressure and weight are checked
- Blood and urine tests look for anaemia, infections and other problems
- HIV and syphilis tests, so that treatment can protect your baby
- Iron and folic acid tablets, and advice on eating well
- Listening to your baby's heartbeat and checking growth
- Help to plan where you will give birth

## Get the most out of it

1. Bring your antenatal card or booklet to every visit.
2. Write down your questions before you go.
3. Tell the nurse about any pain, bleeding or worries, even if they seem small.

Partners are welcome too. If you cannot reach a clinic or have questions between visits, call {{helpline}}.`,
        },
        ar: {
          title: 'متابعة الحمل: لماذا كل زيارة مهمة',
          lead: 'الفحوصات المنتظمة أثناء الحمل تكشف المشكلات مبكراً وتساعدك على الاستعداد لولادة آمنة.',
          body: `متابعة الحمل هي الفحوصات التي تجرينها طوال فترة الحمل، وهي مهمة لكِ ولطفلك حتى عندما تشعرين بأنك بخير.

## متى تذهبين

توصي منظمة الصحة العالمية **بثماني زيارات على الأقل**، على أن تكون الأولى خلال أول 12 أسبوعاً من الحمل. وإن تأخرتِ، فابدئي في أقرب وقت.

## ماذا يحدث في الزيارة

- قياس ضغط الدم والوزن
- تحاليل دم وبول للكشف عن الأنيميا والعدوى
- أقراص الحديد وحمض الفوليك
- الاستماع إلى نبض الجنين ومتابعة نموه

أحضري بطاقة المتابعة في كل زيارة، واكتبي أسئلتك مسبقاً. إذا كانت لديك أسئلة بين الزيارات، اتصلي بالرقم {{helpline}}.`,
        },
        'zu-ZA': {
          title: 'Ukunakekelwa uma ukhulelwe: kungani ukuhlolwa ngakunye kubalulekile',
          lead: 'Ukuhlolwa njalo uma ukhulelwe kuthola izinkinga kusenesikhathi futhi kukusiza ulungiselele ukubeletha okuphephile.',
          body: `## Kufanele uye nini

Qala ngokushesha lapho wazi ukuthi ukhulelwe, uma kungenzeka ngaphambi kwamasonto ayi-12. Kunconywa **okungenani ukuhlolwa okuyisishiyagalombili**.

## Kwenzekani emtholampilo

- Kuhlolwa umfutho wegazi nesisindo
- Kuhlolwa igazi nomchamo
- Ukuhlolwa kwe-HIV nogcunsula
- Amaphilisi e-ayoni ne-folic acid
- Kulalelwa ukushaya kwenhliziyo yengane

Tshela unesi uma unobuhlungu, uma wopha noma uma kukhona okukukhathazayo, ngisho noma kubonakala kuncane. Umlingani wakho wamukelekile naye.

Phatha ikhadi lakho njalo uma uya emtholampilo. Uma unemibuzo, shayela u-{{helpline}}.`,
        },
      },
    },
    {
      slug: 'depression-signs-getting-help',
      section: 'mental-health',
      sites: 'all',
      tags: ['depression', 'support'],
      daysAgo: 12,
      image: { hue: 260, motif: 'waves', alt: 'Abstract calm violet waves under a pale sky' },
      translations: {
        en: {
          title: 'Feeling low for a long time? Signs of depression and how to get help',
          lead: 'Everyone has bad days, but sadness that lasts for weeks can be depression. It is common, it is treatable, and you do not have to face it alone.',
          body: `Depression is more than a bad mood. It is a health condition that affects how you think, feel and cope with daily life. It can happen to anyone, including teenagers and new mothers.

## Signs to look out for

If several of these last for **two weeks or more**, talk to someone:

- Feeling sad, empty or hopeless most of the day
- Losing interest in things you used to enjoy
- Sleeping much more or much less than usual
- Feeling tired all the time, or eating much more or less
- Finding it hard to concentrate at school or work
- Feeling worthless or guilty
- Thoughts of hurting yourself, or that life is not worth living

## Getting help

1. Tell someone you trust: a friend, parent, teacher, nurse or religious leader.
2. Visit a clinic. Health workers can offer talking therapy and, if needed, medicine.
3. Keep small routines: a short walk, a regular meal, time with people who care.

> You are not weak and you are not alone. Asking for help is a brave step.

If you have thoughts of ending your life, go to the nearest health facility now or call {{helpline}}.`,
        },
        ar: {
          title: 'هل تشعر بالحزن لفترة طويلة؟ علامات الاكتئاب وكيف تطلب المساعدة',
          lead: 'لكل شخص أيام صعبة، لكن الحزن الذي يستمر لأسابيع قد يكون اكتئاباً. وهو شائع ويمكن علاجه، ولست وحدك.',
          body: `## علامات يجب الانتباه لها

إذا استمر عدد من هذه العلامات **أسبوعين أو أكثر**، تحدث مع أحد:

- الشعور بالحزن أو اليأس معظم اليوم
- فقدان الاهتمام بأشياء كنت تستمتع بها
- اضطراب النوم أو الشهية
- التعب المستمر وصعوبة التركيز
- أفكار عن إيذاء النفس

## كيف تحصل على المساعدة

1. تحدث مع شخص تثق به من العائلة أو الأصدقاء أو المدرسة.
2. زر عيادة، فالعاملون الصحيون يقدمون العلاج بالكلام والدواء عند الحاجة.
3. إذا راودتك أفكار بإنهاء حياتك، اذهب إلى أقرب مستشفى الآن أو اتصل بالرقم {{helpline}}.

> طلب المساعدة شجاعة وليس ضعفاً.`,
        },
        'sw-KE': {
          title: 'Unajihisi chini kwa muda mrefu? Dalili za depression na jinsi ya kupata msaada',
          lead: 'Kila mtu ana siku mbaya, lakini huzuni inayodumu wiki kadhaa inaweza kuwa depression. Inatibika, na hauko peke yako.',
          body: `## Dalili za kuangalia

Kama dalili kadhaa zinadumu **wiki mbili au zaidi**, ongea na mtu:

- Kuhisi huzuni au kukosa matumaini siku nzima
- Kutopenda tena vitu ulivyokuwa ukifurahia
- Kulala sana au kukosa usingizi
- Kuchoka kila wakati
- Kushindwa kuzingatia masomo
- Mawazo ya kujidhuru

## Kupata msaada

1. Mwambie mtu unayemwamini: rafiki, mzazi, mwalimu au nesi.
2. Tembelea kliniki. Wahudumu wa afya wanaweza kukusaidia.
3. Ukiwa na mawazo ya kujiua, nenda hospitali sasa au piga {{helpline}}.

> Kuomba msaada si udhaifu.`,
        },
      },
    },
    {
      slug: 'consent-basics',
      section: 'relationships',
      sites: 'all',
      tags: ['consent', 'relationships'],
      daysAgo: 18,
      image: { hue: 160, motif: 'leaves', alt: 'Abstract green leaves growing side by side' },
      translations: {
        en: {
          title: 'Consent: what it means and why it matters',
          lead: 'Consent means freely agreeing to something, and being able to change your mind at any time. It is the base of every healthy relationship.',
          body: `Consent is a clear, free "yes" to any kind of touching or sex. Without it, it is not okay, whatever the relationship.

## What real consent looks like

- **Freely given.** No pressure, threats, gifts in exchange or guilt-tripping.
- **Clear.** Silence or not fighting back is not a yes.
- **Ongoing.** Saying yes once does not mean yes every time. Anyone can stop at any moment.
- **Sober.** A person who is very drunk, high or asleep cannot consent.
- **Between equals.** Adults must never seek sex with children, and teachers, bosses or much older partners must not use their power.

## Talking about it

1. Ask: "Are you okay with this?" and listen to the answer.
2. Respect a "no" or an "I'm not sure" without sulking.
3. Say what you want and what you do not want.

## If something happened without your consent

It is _never_ your fault. You can get care at a clinic, including emergency contraception and PEP within 72 hours, and support to report if you choose. Call {{helpline}} to talk in confidence.`,
        },
        ar: {
          title: 'الموافقة: ماذا تعني ولماذا هي مهمة',
          lead: 'الموافقة تعني أن توافق بحرية على شيء ما، وأن يكون لك الحق في تغيير رأيك في أي وقت.',
          body: `الموافقة هي "نعم" واضحة وحرة لأي تلامس جسدي. بدونها لا يكون الأمر مقبولاً مهما كانت العلاقة.

## كيف تبدو الموافقة الحقيقية

- **حرة:** دون ضغط أو تهديد أو إشعار بالذنب.
- **واضحة:** الصمت ليس موافقة.
- **مستمرة:** يمكن لأي شخص أن يتوقف في أي لحظة.
- **واعية:** الشخص النائم أو الواقع تحت تأثير الكحول أو المخدرات لا يستطيع الموافقة.

## إذا حدث شيء دون موافقتك

الذنب _ليس_ ذنبك أبداً. يمكنك الحصول على رعاية طبية ودعم في العيادة، ويفضل خلال 72 ساعة. اتصل بالرقم {{helpline}} للتحدث بسرية.`,
        },
        'zu-ZA': {
          title: 'Imvume: isho ukuthini futhi kungani ibalulekile',
          lead: 'Imvume isho ukuvuma ngokukhululeka, nokuthi ungashintsha umqondo noma nini.',
          body: `Imvume "yebo" ecacile nekhululekile kunoma yikuphi ukuthintwa noma ucansi.

## Imvume yangempela

- **Ayiphoqelelwa:** akukho ukucindezelwa noma izinsongo.
- **Iyacaca:** ukuthula akusho ukuthi "yebo".
- **Iyaqhubeka:** noma ubani angama noma nini.
- **Ingqondo isesimweni:** umuntu odakiwe noma olele akakwazi ukuvuma.

## Uma kwenzeke okuthile ngaphandle kwemvume yakho

Akulona _neze_ iphutha lakho. Yana emtholampilo ngokushesha ukuze uthole usizo, kuhlanganise ne-PEP. Shayela u-{{helpline}} ukuze ukhulume ngasese.`,
        },
      },
    },

    // ----- Kijana Kenya only -----
    {
      slug: 'exam-stress-tips-kenya',
      section: 'mental-health',
      sites: ['kijana-ke'],
      tags: ['stress', 'exams', 'school'],
      daysAgo: 5,
      featured: true,
      image: { hue: 30, motif: 'sun', alt: 'Abstract orange sun over gentle horizontal lines' },
      translations: {
        en: {
          title: 'National exams coming up? Ways to handle exam stress',
          lead: 'Feeling nervous before exams is normal. These simple habits can help you stay calm, sleep better and do your best.',
          body: `A little pressure can help you focus, but too much stress makes it hard to remember what you studied. Whether you are preparing for KCSE, end-of-term tests or college exams, you can take steps to feel more in control.

## Before the exams

- Make a simple timetable and study in short blocks of 30 to 45 minutes, with breaks.
- Sleep **seven to nine hours**. Studying all night makes your memory worse, not better.
- Eat regular meals, such as githeri, fruit or eggs, and drink water instead of lots of energy drinks.
- Move your body: a short walk or a game of football clears your head.

## On the day

1. Prepare your pens, ID and transport the night before.
2. Breathe slowly: in for four counts, hold for four, out for four.
3. Read each question carefully and start with the ones you know.

## When stress is too much

If you cannot sleep, feel panicky most days or have thoughts of harming yourself, talk to a teacher, counsellor or parent. You can also call {{helpline}} for free, confidential support, or {{clinicFinder}} to find a youth-friendly clinic near you.`,
        },
        'sw-KE': {
          title: 'Mtihani wa kitaifa unakaribia? Njia za kupunguza stress',
          lead: 'Kuhisi wasiwasi kabla ya mtihani ni kawaida. Tabia hizi rahisi zitakusaidia kutulia na kufanya vizuri.',
          body: `## Kabla ya mitihani

- Panga ratiba rahisi na usome kwa vipindi vifupi vya dakika 30 hadi 45.
- Lala **saa saba hadi tisa**. Kukesha usiku mzima kunadhoofisha kumbukumbu.
- Kula vizuri, kama githeri, matunda au mayai, na unywe maji.
- Tembea au cheza mpira kidogo kupumzisha akili.

## Siku ya mtihani

1. Andaa kalamu na vitu vyako usiku uliotangulia.
2. Pumua polepole: vuta hewa hesabu nne, shikilia nne, toa nne.
3. Anza na maswali unayoyajua.

Kama stress imezidi, ongea na mwalimu au mshauri, au piga {{helpline}} bure.`,
        },
      },
    },
    {
      slug: 'youth-friendly-clinics-kenya',
      section: 'contraception',
      sites: ['kijana-ke'],
      tags: ['clinics', 'services'],
      daysAgo: 21,
      image: { hue: 120, motif: 'leaves', alt: 'Abstract bright green leaves on a cream background' },
      translations: {
        en: {
          title: 'Youth-friendly clinics in Kenya: what to expect',
          lead: 'You have the right to health care that is private, respectful and free from judgement. Here is how youth-friendly services work and how to find one.',
          body: `Many young people avoid clinics because they fear being judged or seen by someone they know. Youth-friendly services are designed to change that.

## What makes a clinic youth-friendly

- Staff who are trained to listen without judging or lecturing
- **Confidential** care: your visit and results stay private
- Low-cost or free services, with opening hours that fit around school
- Information in language that makes sense to you

## Services you can ask for

- Contraception, including condoms, pills, injections and implants
- HIV testing, PrEP and PEP
- STI checks and treatment
- Pregnancy tests and antenatal care
- Counselling for stress, relationships or violence

## How to find one

1. Ask at your nearest public health centre or county hospital for the youth corner.
2. Use your phone: {{clinicFinder}} and you will get a list of nearby options.
3. Call {{helpline}} if you are not sure where to start.

_Tip:_ it is fine to bring a friend with you for support.`,
        },
        'sw-KE': {
          title: 'Kliniki rafiki kwa vijana Kenya: utakachokutana nacho',
          lead: 'Una haki ya kupata huduma za afya kwa siri, kwa heshima na bila kuhukumiwa.',
          body: `## Kliniki rafiki kwa vijana ni ipi?

- Wahudumu wanaosikiliza bila kuhukumu
- Huduma za **siri**
- Bei nafuu au bure, na saa zinazofaa wanafunzi

## Huduma unazoweza kuomba

- Kondomu, vidonge, sindano na vipandikizi
- Kupima VVU, PrEP na PEP
- Kupima na kutibu magonjwa ya zinaa
- Ushauri nasaha

## Jinsi ya kupata moja

1. Uliza kwenye kituo cha afya cha karibu kuhusu kona ya vijana.
2. Tumia simu yako kwa SMS: {{clinicFinder}}.
3. Piga {{helpline}} kama huna uhakika.`,
        },
      },
    },

    // ----- Thrive South Africa only -----
    {
      slug: 'prep-in-south-africa',
      section: 'hiv-and-stis',
      sites: ['thrive-za'],
      tags: ['prep', 'hiv'],
      daysAgo: 4,
      featured: true,
      image: { hue: 280, motif: 'circles', alt: 'Abstract purple circles linked in a ring' },
      translations: {
        en: {
          title: 'PrEP in South Africa: free HIV prevention at your clinic',
          lead: 'PrEP is a daily pill that stops HIV from taking hold. In South Africa you can get it free at many public clinics.',
          body: `PrEP stands for pre-exposure prophylaxis. It is medicine that HIV-negative people take to prevent HIV. Taken correctly, it is **highly effective** at preventing HIV from sex.

## Is PrEP for me?

PrEP could be a good choice if you:

- Have a partner who is living with HIV or whose status you do not know
- Do not always use condoms
- Have had an STI recently
- Have used PEP more than once

## How to start

1. Go to a public clinic and ask for PrEP. Many clinics and youth zones offer it free.
2. You will have an HIV test first, and sometimes a kidney test.
3. Take one pill every day. Ask the nurse how many days it takes to protect you, and use condoms until then.
4. Go back for check-ups and refills, usually every three months.

## Good to know

- PrEP does _not_ protect against other STIs or pregnancy, so condoms still matter.
- Side effects like a mild upset stomach usually settle within a few weeks.

Questions? Call {{helpline}} or read more at [UNAIDS](https://www.unaids.org).`,
        },
        'zu-ZA': {
          title: 'I-PrEP eNingizimu Afrika: ukuzivikela ku-HIV mahhala emtholampilo',
          lead: 'I-PrEP yiphilisi lansuku zonke elivimbela i-HIV. ENingizimu Afrika ungayithola mahhala emitholampilo eminingi kahulumeni.',
          body: `I-PrEP ngumuthi abantu abangenayo i-HIV abawuphuzayo ukuze bazivikele. Uma uwuphuza kahle, **usebenza kahle kakhulu**.

## Ingabe i-PrEP ingeyami?

- Unomlingani one-HIV noma ongazi isimo sakhe
- Awusebenzisi ikhondomu njalo
- Usanda kuba nesifo esithathelwana ngocansi

## Ungaqala kanjani

1. Yana emtholampilo ucele i-PrEP.
2. Uzohlolelwa i-HIV kuqala.
3. Phuza iphilisi elilodwa nsuku zonke.
4. Buyela ukuze uhlolwe futhi uthole amanye amaphilisi.

I-PrEP _ayikuvikeli_ ekukhulelweni nakwezinye izifo, ngakho sebenzisa ikhondomu. Unemibuzo? Shayela u-{{helpline}}.`,
        },
      },
    },
    {
      slug: 'period-products-guide-za',
      section: 'periods',
      sites: ['thrive-za'],
      tags: ['periods', 'hygiene'],
      daysAgo: 27,
      image: { hue: 340, motif: 'waves', alt: 'Abstract rose-coloured waves on a soft pink background' },
      translations: {
        en: {
          title: 'Pads, tampons and cups: choosing what works for you',
          lead: 'There is no single right way to manage your period. The best product is the one that is safe, affordable and comfortable for you.',
          body: `Every body and every budget is different, so it is worth knowing all your options.

## Your options

- **Disposable pads** stick to your underwear. Change them every four to six hours.
- **Reusable cloth pads** are washed and dried in the sun. They save money over time.
- **Tampons** go inside the vagina. Change them at least every eight hours and never leave one in for longer.
- **Menstrual cups** are made of soft silicone, last for years and hold more than a pad. Wash them well, and boil them between periods.

## Free and low-cost help

Some schools and clinics in South Africa hand out free pads. Ask your Life Orientation teacher, school nurse or local clinic. A cup or cloth pads can also cut your monthly costs.

## Stay healthy

1. Wash your hands before and after changing.
2. Wash the outside area with clean water. There is no need for soaps or douches inside.
3. See a nurse if you have itching, a bad smell, or bleeding that soaks a pad every hour.

Periods are a normal part of health, never something to be ashamed of. Questions? Call {{helpline}}.`,
        },
      },
    },

    // ----- MamaCare Nigeria only -----
    {
      slug: 'antenatal-registration-nigeria',
      section: 'pregnancy-checkups',
      sites: ['mama-ng'],
      tags: ['antenatal', 'pregnancy'],
      daysAgo: 7,
      featured: true,
      image: { hue: 95, motif: 'leaves', alt: 'Abstract green leaves curling around a small bud' },
      translations: {
        en: {
          title: 'Registering for antenatal care in Nigeria: a step-by-step guide',
          lead: 'Booking early at a primary health centre or hospital gives you and your baby the best start. Here is what to bring and what to expect.',
          body: `As soon as you think you are pregnant, plan to register, or "book", for antenatal care. Early booking means problems like anaemia, high blood pressure or infections can be found and treated in time.

## Where to go

- Your nearest **primary health centre (PHC)**
- A general hospital or a trusted private clinic
- Ask a community health worker if you are not sure

## What to bring

1. Any ID you have, and a phone number
2. Your health insurance card, if you have one
3. A small notebook for your questions

## At your first visit

The midwife or nurse will ask about your health and past pregnancies, check your blood pressure and weight, and arrange tests for blood level, HIV, hepatitis B and urine. You will get iron and folic acid tablets and, later in pregnancy, medicine to prevent malaria.

## Keep going

Attend every appointment on your card, even when you feel fine, and sleep under an **insecticide-treated net** every night. If you have questions or cannot afford a visit, call {{helpline}} to find support near you.`,
        },
        'pcm-NG': {
          title: 'How to register for antenatal for Naija: step by step',
          lead: 'If you book early for PHC or hospital, you and your pikin go get better start.',
          body: `Once you think say belle don enter, go book for antenatal. If you book early, dem fit catch problem like low blood, high BP or infection on time.

## Where you fit go

- **Primary health centre (PHC)** wey near you
- General hospital or private clinic wey you trust

## Wetin to carry

1. Any ID wey you get, and phone number
2. Health insurance card if you get am

## For first visit

Nurse go check your BP and weight, and dem go do blood test, HIV test and urine test. Dem go give you iron and folic acid tablet.

Go every appointment, even if you dey feel fine. Sleep inside **treated net** every night. If you get question, call {{helpline}}.`,
        },
      },
    },
    {
      slug: 'malaria-in-pregnancy',
      section: 'pregnancy',
      sites: ['mama-ng'],
      tags: ['malaria', 'pregnancy'],
      daysAgo: 15,
      image: { hue: 60, motif: 'circles', alt: 'Abstract yellow and green circles scattered like dots' },
      translations: {
        en: {
          title: 'Protecting yourself and your baby from malaria in pregnancy',
          lead: 'Malaria is more dangerous when you are pregnant. A net, preventive medicine and quick treatment keep you and your baby safe.',
          body: `Pregnancy lowers your body's defences against malaria. It can cause severe anaemia, miscarriage, early birth and a baby born too small. The good news is that it can be prevented.

## Three ways to protect yourself

1. **Sleep under an insecticide-treated net** every night, all year round, not only in the rainy season.
2. **Take preventive medicine (IPTp)** at antenatal visits from the second trimester. The nurse gives the tablets, usually at each monthly visit. Ask for it if it is not offered.
3. **Keep mosquitoes away** by clearing standing water near your home and closing windows and doors at dusk.

## Signs of malaria

- Fever, chills or sweating
- Headache and body pains
- Feeling very weak, or vomiting

## What to do

Go to a clinic the _same day_ if you have a fever. Do not buy malaria medicine without a test: some drugs are not safe early in pregnancy, and a health worker will choose the right one for you.

Fever with confusion, fits or difficulty breathing is an emergency, so go to hospital at once. For advice, call {{helpline}}.`,
        },
        'ha-NG': {
          title: 'Kare kanki da jaririnki daga zazzabin cizon sauro lokacin juna biyu',
          lead: 'Zazzabin cizon sauro ya fi hatsari lokacin da kike da juna biyu. Gidan sauro, maganin kariya da saurin magani suna kare ki.',
          body: `## Hanyoyi uku na kariya

1. **Ki kwana cikin gidan sauro mai magani** kowane dare, duk shekara.
2. **Ki sha maganin kariya (IPTp)** a asibitin awon ciki daga wata na hudu. Ki tambaya idan ba a ba ki ba.
3. **Ki kawar da ruwan da ke kwance** kusa da gida, ki rufe tagogi da kofofi da yamma.

## Alamomin zazzabin cizon sauro

- Zazzabi, jin sanyi ko gumi
- Ciwon kai da ciwon jiki
- Rauni sosai ko amai

Ki je asibiti _a ranar_ da zazzabi ya fara. Kada ki sayi magani ba tare da gwaji ba. Don shawara, ki kira {{helpline}}.`,
        },
      },
    },

    // ----- Amal Egypt only (ar-EG + en) -----
    {
      slug: 'premarital-health-check-egypt',
      section: 'relationships',
      sites: ['amal-eg'],
      tags: ['marriage', 'screening'],
      daysAgo: 10,
      featured: true,
      image: { hue: 190, motif: 'leaves', alt: 'Abstract two teal leaves joined at the stem' },
      translations: {
        'ar-EG': {
          title: 'فحص ما قبل الزواج في مصر: ماذا يشمل',
          lead: 'قبل توثيق الزواج في مصر، يجري الطرفان فحصاً طبياً. إليكم ما يشمله ولماذا يستحق الاهتمام.',
          body: `كثير من المقبلين على الزواج يرون الفحص مجرد أوراق، لكنه فرصة حقيقية لبداية حياة أسرية صحية.

## ماذا قد يشمل الفحص

- الحالة الصحية العامة وضغط الدم والوزن
- فصيلة الدم وصورة دم كاملة للكشف عن الأنيميا
- تحاليل لبعض أنواع العدوى مثل فيروس سي وفيروس بي
- أسئلة عن الأمراض الوراثية مثل الثلاسيميا، خاصة في زواج الأقارب

## لماذا هو مفيد

1. علاج العدوى مبكراً وحماية الطرف الآخر.
2. معرفة الأمراض الوراثية والحصول على استشارة قبل الحمل.
3. البدء في تناول **حمض الفوليك** قبل الحمل لحماية مخ الجنين وعموده الفقري.

روحوا مع بعض ولا تترددوا في السؤال، فالطبيب موجود لمساعدتكم. لأي استفسار اتصلوا على {{helpline}}.`,
        },
        en: {
          title: 'The premarital health check in Egypt: what it covers',
          lead: 'Before a marriage is registered in Egypt, both partners have a medical check. Here is what it may include and why it is worth taking seriously.',
          body: `In Egypt, a premarital medical examination is part of preparing to register a marriage. Some couples see it as paperwork, but it is a real chance to start family life in good health.

## What may be checked

- General health, blood pressure and weight
- Blood group and a blood count to look for anaemia
- Tests for infections such as hepatitis B and C
- Questions about inherited conditions, like thalassaemia, which matter more when partners are relatives

## Why it helps

1. Infections found early can be treated, and partners can be protected.
2. Couples learn if they carry the same inherited condition and can get genetic counselling before pregnancy.
3. Women can start **folic acid** before trying to conceive, which protects the baby's brain and spine.

## Tips

- Go together, and ask questions: the doctor is there to help you, not to judge you.
- Results are private. Talk openly with your partner about them.
- If a result worries you, ask for a follow-up appointment.

Need advice? Call {{helpline}}.`,
        },
      },
    },
    {
      slug: 'anaemia-girls-egypt',
      section: 'nutrition',
      sites: ['amal-eg'],
      tags: ['anaemia', 'nutrition'],
      daysAgo: 52,
      image: { hue: 0, motif: 'circles', alt: 'Abstract deep red circles of different sizes' },
      translations: {
        'ar-EG': {
          title: 'الأنيميا عند البنات والشابات: العلامات والأكلات المفيدة',
          lead: 'الأنيميا منتشرة بين البنات والسيدات في مصر، وتسبب التعب وضعف التركيز. اختيارات أكل بسيطة تفرق كتير.',
          body: `الأنيميا معناها أن الدم لا يحتوي على كرات دم حمراء سليمة كافية لحمل الأكسجين. البنات يفقدن الحديد كل شهر مع الدورة، لذلك هن أكثر عرضة لها.

## علامات انتبهي لها

- تعب وإرهاق معظم الوقت
- شحوب الوجه والشفايف
- دوخة أو نهجان عند طلوع السلم
- صعوبة في التركيز في المذاكرة

## أكلات غنية بالحديد

- العدس والفول المدمس
- الكبدة واللحمة والفراخ والسمك
- البيض والملوخية والسبانخ
- البلح والمشمش المجفف

## نصائح

1. كلي الحديد مع فيتامين سي: عصرة ليمون أو برتقالة.
2. اشربي الشاي **بين** الوجبات وليس معها.
3. اطلبي تحليل دم بسيط من الطبيب، ولا تأخذي أقراص حديد بدون استشارة.

لأي سؤال اتصلي على {{helpline}}.`,
        },
        en: {
          title: 'Anaemia in girls and young women: signs and foods that help',
          lead: 'Anaemia is common among girls and women in Egypt and can leave you tired and unable to concentrate. Simple food choices make a big difference.',
          body: `Anaemia means your blood does not have enough healthy red cells to carry oxygen. Girls lose iron every month through their periods, so they are at higher risk, and pregnancy raises the need for iron even more.

## Signs to notice

- Feeling tired or weak most of the time
- Pale skin, lips or inner eyelids
- Feeling dizzy or short of breath when climbing stairs
- Difficulty concentrating in class

## Foods rich in iron

- Lentils, beans and _ful medames_
- Liver, red meat, chicken and fish
- Eggs, and dark green leaves such as molokhia and spinach
- Dates and dried apricots

## Help your body absorb it

1. Eat iron foods with vitamin C: a squeeze of lemon, an orange or a tomato salad.
2. Drink tea **between** meals rather than with them, because tea reduces how much iron you absorb.
3. If you notice the signs above, ask a doctor for a simple blood test. Do not take iron tablets without advice.

Questions? Call {{helpline}}.`,
        },
      },
    },
    {
      slug: 'postpartum-checkup-egypt',
      section: 'pregnancy-checkups',
      sites: ['amal-eg'],
      tags: ['postpartum', 'checkup'],
      daysAgo: 64,
      image: { hue: 210, motif: 'waves', alt: 'Abstract soft blue waves rolling gently' },
      translations: {
        'ar-EG': {
          title: 'بعد الولادة: فحوصات لا تهمليها',
          lead: 'الأسابيع اللي بعد الولادة مهمة لصحتك زي الحمل بالظبط. اعرفي إمتى تروحي للمتابعة وتسألي عن إيه.',
          body: `## مواعيد المتابعة

- خلال الأيام الأولى بعد الولادة، خاصة بعد القيصرية
- بعد أسبوع إلى أسبوعين للاطمئنان على الجرح والرضاعة
- بعد حوالي ستة أسابيع لفحص كامل والكلام عن تنظيم الأسرة

## علامات خطر: روحي المستشفى فوراً

1. نزيف شديد يملأ الفوطة في ساعة أو جلطات كبيرة
2. حرارة أو إفرازات ريحتها وحشة
3. صداع شديد أو زغللة أو تشنجات
4. ألم أو تورم أو احمرار في رجل واحدة
5. أفكار بإيذاء نفسك أو الطفل

الإحساس بالعياط لأيام قليلة شائع، لكن الحزن لأكثر من أسبوعين يحتاج مساعدة. اتصلي على {{helpline}} في أي وقت.`,
        },
        en: {
          title: 'After the birth: the check-ups mothers should not skip',
          lead: 'The weeks after giving birth matter for your health as much as pregnancy does. Here is when to go for check-ups and what to ask.',
          body: `After the baby arrives, attention often moves entirely to the newborn. But your body has done enormous work and needs care too.

## When to go

- Within the first few days after birth, especially after a caesarean section
- Around one to two weeks, to check healing and feeding
- At about six weeks, for a full check and to talk about family planning

## What the doctor or nurse checks

- Bleeding, blood pressure and temperature
- Healing of any stitches or the caesarean wound
- Breastfeeding, and your breasts for pain or redness
- Your mood and sleep

## Warning signs: go to hospital at once

1. Heavy bleeding that soaks a pad in an hour, or large clots
2. Fever, or a bad smell from the vagina
3. Severe headache, blurred vision or fits
4. Pain, swelling or redness in one leg
5. Thoughts of harming yourself or the baby

Feeling weepy for a few days is common, but sadness lasting more than two weeks deserves help. Call {{helpline}} any time.`,
        },
      },
    },

    // ----- The three sub-Saharan sites -----
    {
      slug: 'period-pain-relief',
      section: 'periods',
      sites: SUB_SAHARAN,
      tags: ['periods', 'pain'],
      daysAgo: 8,
      image: { hue: 350, motif: 'sun', alt: 'Abstract warm red sun glowing softly' },
      translations: {
        en: {
          title: 'Period pain: what helps and when to see a nurse',
          lead: 'Cramps are common in the first days of a period. Most can be eased at home, but very strong pain deserves a check-up.',
          body: `Period pain happens when the womb tightens to shed its lining. It often feels like cramping in the lower belly, and can spread to the back or thighs. It is usually worst in the first one or two days.

## Things that help

- A hot water bottle or warm cloth on your belly or lower back
- Gentle movement: walking, stretching or dancing
- A warm bath or shower
- Pain medicine such as **ibuprofen** or **paracetamol**, taken as the pack says. Ibuprofen works best if you start it when the pain begins. Avoid it if you have stomach ulcers, and ask a pharmacist if you are unsure.
- Regular meals and plenty of water

## When to see a nurse or doctor

1. Pain that stops you going to school or work every month
2. Pain that does not get better with medicine
3. Very heavy bleeding, or bleeding between periods
4. Pain during sex, or pain with fever or unusual discharge
5. A late period with sudden or one-sided pain, which can be a sign of a pregnancy outside the womb

Conditions like endometriosis can cause severe pain and are often missed. You deserve to be taken seriously: _painful periods are common, but severe pain is not something you have to live with_.`,
        },
      },
    },
    {
      slug: 'menstrual-hygiene',
      section: 'periods',
      sites: SUB_SAHARAN,
      tags: ['periods', 'hygiene'],
      daysAgo: 14,
      image: { hue: 320, motif: 'waves', alt: 'Abstract magenta waves over a pale lilac background' },
      translations: {
        en: {
          title: 'Menstrual hygiene: staying clean, comfortable and confident',
          lead: 'Good period care keeps infections away and helps you get on with your day. Here is the basic kit and routine.',
          body: `Your period is a normal sign that your body is healthy. Looking after yourself during those days is simple once you have a routine.

## Your period kit

- Pads, a menstrual cup or clean cloth pads
- A spare pair of underwear
- A small bag or paper to wrap used pads
- Soap or hand sanitiser

## Daily routine

1. Change pads every four to six hours, or sooner if they feel full.
2. Wash your hands before and after changing.
3. Wash the outside of your private area once or twice a day with clean water. The vagina cleans itself, so avoid douches, perfumes and strong soaps inside.
4. Wrap used disposable pads and put them in a bin or pit latrine, not a flush toilet.

## Reusable cloth pads

Wash them in cold water first, then with soap, and **dry them completely in the sun**. Sunlight helps kill germs. Store them in a clean, dry place.

## See a health worker if

- You notice itching, a bad smell or unusual discharge
- Your period lasts more than seven days
- You are soaking a pad every hour

_Periods are nothing to be ashamed of._ Talk to a trusted adult if you need supplies.`,
        },
        sw: {
          title: 'Usafi wakati wa hedhi: kuwa safi, starehe na kujiamini',
          lead: 'Kujitunza vizuri wakati wa hedhi kunazuia maambukizi na kukusaidia kuendelea na shughuli zako.',
          body: `Hedhi ni ishara ya kawaida kwamba mwili wako una afya.

## Vitu vya kubeba

- Pedi, kikombe cha hedhi au vitambaa safi
- Chupi ya ziada
- Karatasi ya kufungia pedi zilizotumika

## Utaratibu wa kila siku

1. Badilisha pedi kila saa nne hadi sita.
2. Nawa mikono kabla na baada ya kubadilisha.
3. Osha sehemu za nje kwa maji safi. Usitumie sabuni kali wala manukato ndani.
4. Funga pedi zilizotumika na uzitupe kwenye pipa la taka au choo cha shimo, si choo cha kuvuta maji.

Vitambaa vya kutumia tena vioshwe kwa sabuni na **vikaushwe juani** kabisa.

_Hedhi si jambo la aibu._ Ongea na mtu mzima unayemwamini kama unahitaji pedi.`,
        },
      },
    },
    {
      slug: 'puberty-body-changes',
      section: 'periods',
      sites: SUB_SAHARAN,
      tags: ['puberty', 'body'],
      daysAgo: 95,
      image: { hue: 50, motif: 'leaves', alt: 'Abstract young yellow-green leaves unfolding' },
      translations: {
        en: {
          title: 'Puberty: the changes to expect and why they are normal',
          lead: 'Somewhere between about 8 and 14, your body starts changing into an adult one. Everyone goes at their own pace.',
          body: `Puberty is the time when hormones start turning a child's body into an adult's. It usually begins between 8 and 13 for girls and between 9 and 14 for boys, and it takes several years.

## Changes for everyone

- Growing taller quickly
- Hair under the arms and around the private parts
- Sweating more and body odour, so daily washing helps
- Spots or pimples on the face and back
- Strong feelings and mood swings

## Changes for girls

- Breasts begin to grow, sometimes one faster than the other
- Hips widen
- Periods start, usually about two years after the breasts begin to grow

## Changes for boys

- The voice gets deeper and may crack for a while
- The penis and testicles grow
- Wet dreams, when semen is released during sleep, which is completely normal

## Looking after yourself

1. Wash daily and use deodorant if you like.
2. Eat well and sleep enough, because your body is doing a lot of growing.
3. Ask questions. A parent, aunt, uncle, teacher or nurse can help.

**Everyone develops at their own speed.** If nothing has started by about 13 for girls or 14 for boys, or if you are worried, see a health worker.`,
        },
      },
    },
    {
      slug: 'contraception-options',
      section: 'contraception',
      sites: SUB_SAHARAN,
      tags: ['contraception', 'choices'],
      daysAgo: 11,
      image: { hue: 300, motif: 'circles', alt: 'Abstract plum and lilac circles in a row' },
      translations: {
        en: {
          title: 'Contraception options: finding the method that suits you',
          lead: 'There are many safe ways to prevent pregnancy. The best one is the one that fits your life, body and plans.',
          body: `Contraception lets you decide if and when to have a baby. The methods below are safe for most young people, including those who have never been pregnant.

## Long-acting methods

- **Implant:** a small rod under the skin of the upper arm. Works for three to five years, depending on the type.
- **IUD (coil):** a small device placed in the womb. Works for five to ten years or more.

Both are more than 99% effective and can be removed whenever you want.

## Short-acting methods

- **Injection:** every two or three months, depending on the type.
- **Pill:** one every day at around the same time.
- **Condoms:** used every time you have sex. Condoms are the _only_ method that also protects against HIV and STIs.

## Choosing

1. Think about how often you want to deal with it: daily, every few months or every few years.
2. Ask about side effects, such as changes to your periods.
3. Consider using condoms _as well as_ another method for double protection.

Fertility returns after stopping any method, though it can take some months after the injection. Talk to a nurse at a youth-friendly clinic; the choice is yours. Learn more from the [World Health Organization](https://www.who.int/health-topics/contraception).`,
        },
        sw: {
          title: 'Njia za uzazi wa mpango: kuchagua inayokufaa',
          lead: 'Kuna njia nyingi salama za kuzuia mimba. Bora ni ile inayoendana na maisha yako.',
          body: `## Njia za muda mrefu

- **Kipandikizi:** kijiti kidogo chini ya ngozi ya mkono. Hufanya kazi miaka mitatu hadi mitano.
- **Kitanzi (IUD):** huwekwa ndani ya mfuko wa uzazi. Hufanya kazi miaka mitano hadi kumi.

## Njia za muda mfupi

- **Sindano:** kila miezi miwili au mitatu.
- **Vidonge:** kimoja kila siku.
- **Kondomu:** kila unaposhiriki ngono. Kondomu ndiyo njia _pekee_ inayokinga pia dhidi ya VVU.

## Kuchagua

1. Fikiria ni mara ngapi unataka kukumbuka.
2. Uliza kuhusu madhara madogo kama mabadiliko ya hedhi.
3. Tumia kondomu pamoja na njia nyingine kwa kinga mara mbili.

Uamuzi ni wako. Ongea na muuguzi katika kliniki rafiki kwa vijana.`,
        },
      },
    },
    {
      slug: 'condoms-how-to',
      section: 'contraception',
      sites: SUB_SAHARAN,
      tags: ['condoms', 'protection'],
      daysAgo: 25,
      translations: {
        en: {
          title: 'Using condoms correctly, every time',
          lead: 'Condoms protect against pregnancy, HIV and other STIs at the same time, but only when they are used the right way.',
          body: `Male and female condoms are cheap or free at many clinics, and they are the only method that protects against both pregnancy and infections.

## Using a male condom

1. Check the expiry date and that the packet is not damaged.
2. Open the packet carefully with your fingers, never with teeth or scissors.
3. Pinch the tip to squeeze out air, then roll the condom onto the erect penis before any contact.
4. After sex, hold the base of the condom while pulling out, before the penis goes soft.
5. Wrap it and throw it in a bin, not a toilet.

## Common mistakes

- Using two condoms at once: the rubbing makes them more likely to tear
- Oil-based lubricants such as petroleum jelly or lotion, which weaken latex. Use water-based lube instead.
- Keeping condoms in a wallet or a hot place for weeks
- Putting the condom on halfway through

## If it breaks

Do not panic. Consider **emergency contraception** as soon as possible to prevent pregnancy, and ask a clinic about **PEP** within 72 hours if there is a chance of HIV.

_Tip:_ practise at home so you feel confident when it matters.`,
        },
      },
    },
    {
      slug: 'prep-and-pep',
      section: 'hiv-and-stis',
      sites: SUB_SAHARAN,
      tags: ['prep', 'pep', 'hiv'],
      daysAgo: 16,
      image: { hue: 270, motif: 'sun', alt: 'Abstract indigo sun with two rings around it' },
      translations: {
        en: {
          title: 'PrEP and PEP: two medicines that prevent HIV',
          lead: 'PrEP is taken before a possible exposure to HIV; PEP is an emergency option after one. Knowing the difference can protect you.',
          body: `Both PrEP and PEP use HIV medicines to stop the virus from taking hold in the body. They are for people who are HIV-negative.

## PrEP: before exposure

- A pill taken **every day**, or in some places an injection every two months
- For people with a higher chance of getting HIV, such as having a partner with HIV or not always using condoms
- You need an HIV test before starting, and regular check-ups

## PEP: after exposure

- An emergency course of medicine taken for **28 days**
- Must be started within **72 hours** of a possible exposure, and the sooner the better
- For example after sex without a condom, a condom breaking, sexual assault or a needle injury

## What to do

1. For PEP, go straight to a clinic or a hospital emergency unit. Do not wait until Monday.
2. Finish the full course, even if you feel side effects like nausea.
3. Get tested again when the nurse advises.

Neither PrEP nor PEP prevents pregnancy or other STIs; condoms add that protection. Read more at [UNAIDS](https://www.unaids.org).`,
        },
      },
    },
    {
      slug: 'common-stis',
      section: 'hiv-and-stis',
      sites: SUB_SAHARAN,
      tags: ['stis', 'testing'],
      daysAgo: 22,
      image: { hue: 180, motif: 'circles', alt: 'Abstract turquoise circles floating on white' },
      translations: {
        en: {
          title: 'Common STIs: signs, testing and treatment',
          lead: 'Sexually transmitted infections are common and most are easy to treat. Many cause no signs at all, so testing matters.',
          body: `Sexually transmitted infections (STIs) pass from one person to another during sex. Chlamydia, gonorrhoea, syphilis and trichomoniasis can all be cured with the right medicine. Others, like herpes and HPV, can be managed.

## Possible signs

- Unusual discharge from the vagina or penis
- Pain or burning when passing urine
- Sores, blisters or warts on or around the private parts
- Pain in the lower belly, or pain during sex

Many people have **no signs at all**, yet an untreated STI can cause infertility, problems in pregnancy and a higher risk of HIV.

## Getting checked

1. Visit a clinic if you have any signs, or after sex without a condom.
2. Tell the nurse honestly about your symptoms; they have heard it all before.
3. Take all the medicine, even if the signs go away.
4. Avoid sex until you and your partner have both finished treatment.

## Protecting yourself

- Use condoms every time
- Get the HPV vaccine if it is offered at school or the clinic
- Test together with a partner

Do _not_ use medicine bought without advice or borrowed from a friend, because the wrong drug can leave the infection active.`,
        },
      },
    },
    {
      slug: 'living-well-with-hiv',
      section: 'hiv-and-stis',
      sites: SUB_SAHARAN,
      tags: ['hiv', 'treatment'],
      daysAgo: 110,
      translations: {
        en: {
          title: 'Living well with HIV: treatment, health and hope',
          lead: 'With daily treatment, people living with HIV can have long, healthy lives, relationships and children.',
          body: `Finding out you have HIV can be a shock. It is normal to feel scared or angry at first. But HIV today is a manageable condition, and you can plan a full future.

## Treatment works

Antiretroviral treatment (ART) is taken every day. It keeps the virus under control so that your immune system stays strong. When the virus is so low that tests cannot measure it, called an **undetectable viral load**, HIV is not passed on through sex.

## Staying on track

1. Take your pills at the same time each day; a phone alarm helps.
2. Go for viral load tests as your clinic advises.
3. Tell the nurse about side effects rather than stopping.
4. Join a support group or teen club to meet people who understand.

## Relationships and babies

- You can have relationships, and you decide when and whether to tell people
- With treatment, mothers living with HIV can have babies born without HIV; start antenatal care early
- Encourage partners to test

## Looking after the rest of you

- Eat well, stay active and avoid smoking and heavy drinking
- Look after your mental health and talk to someone if you feel low

_You are more than a diagnosis._`,
        },
      },
    },
    {
      slug: 'breastfeeding-basics',
      section: 'pregnancy',
      sites: SUB_SAHARAN,
      tags: ['breastfeeding', 'newborn'],
      daysAgo: 13,
      image: { hue: 40, motif: 'waves', alt: 'Abstract warm peach waves wrapping around each other' },
      translations: {
        en: {
          title: 'Breastfeeding: a good start for you and your baby',
          lead: 'Breast milk gives your baby everything they need for the first six months. Here is how to get started and what helps when it is hard.',
          body: `Breast milk protects babies from diarrhoea, pneumonia and other illnesses, and it is always ready and free. Breastfeeding also helps your womb shrink back after birth.

## Getting started

1. Put your baby to the breast within the **first hour** after birth.
2. The thick yellow first milk, colostrum, is precious. Give it all to your baby.
3. Feed whenever your baby wants, day and night, usually 8 to 12 times in 24 hours.

## A good latch

- Baby's tummy faces your tummy
- Baby's mouth is wide open, with much of the dark area around the nipple inside
- You hear swallowing, and feeding does not hurt after the first few sucks

## Only breast milk for six months

Babies do not need water, tea or other food before six months, even in hot weather. After six months, start soft family foods and keep breastfeeding to two years or beyond.

## When to get help

- Sore, cracked nipples, or painful, hot lumps in your breast
- Fewer than six wet nappies a day after the first week
- You feel you do not have enough milk

A nurse, midwife or peer supporter can help. If you are living with HIV, take your treatment every day; breastfeeding is still recommended while you stay on treatment.`,
        },
        'pcm-NG': {
          title: 'Breastfeeding: better start for you and your pikin',
          lead: 'Breast milk get everything wey your pikin need for the first six months.',
          body: `Breast milk dey protect pikin from running stomach and other sickness, and e no cost anything.

## How to start

1. Put baby for breast inside the **first one hour** after you born.
2. The first yellow milk (colostrum) dey very important. Give am all to your pikin.
3. Feed am anytime wey e want, day and night.

## Only breast milk for six months

Pikin no need water, pap or any other thing before six months, even when weather hot. After six months, start soft food and continue to breastfeed.

## When to find help

- If your nipple dey pain or crack
- If your breast swell and hot
- If you feel say milk no dey enough

Nurse or midwife fit help you.`,
        },
      },
    },
    {
      slug: 'nutrition-in-pregnancy',
      section: 'nutrition',
      sites: SUB_SAHARAN,
      tags: ['pregnancy', 'food'],
      daysAgo: 19,
      image: { hue: 85, motif: 'leaves', alt: 'Abstract olive and lime leaves around a round shape' },
      translations: {
        en: {
          title: 'Eating well in pregnancy: simple everyday choices',
          lead: 'You do not need expensive foods to eat well in pregnancy. A variety of local foods gives your baby what they need to grow.',
          body: `What you eat in pregnancy helps your baby grow and keeps you strong for the birth. Aim for variety rather than eating "for two".

## Build each meal

- **Energy foods:** maize, rice, millet, cassava, yams, bread or sweet potatoes
- **Body-building foods:** beans, lentils, groundnuts, eggs, fish, chicken, meat or milk
- **Protective foods:** dark green leaves, pumpkin, carrots, mangoes, oranges and other fruit

## Tips

1. Eat one extra small meal or snack each day, especially in the second half of pregnancy.
2. Drink clean, safe water throughout the day.
3. Use iodised salt, but not too much.
4. Take your iron and folic acid tablets every day.

## Foods and drinks to limit

- Alcohol: there is no safe amount in pregnancy
- Lots of tea or coffee; have them between meals rather than with food
- Raw or undercooked meat and eggs, and unboiled milk
- Sugary drinks and very salty snacks

## If food is hard to keep down

Nausea is common early on. Try small, frequent meals and dry snacks. If you cannot keep any food or water down for a day, see a health worker. Ask your clinic about food support if money is tight.`,
        },
      },
    },
    {
      slug: 'iron-and-folic-acid',
      section: 'nutrition',
      sites: SUB_SAHARAN,
      tags: ['iron', 'folic', 'pregnancy'],
      daysAgo: 24,
      image: { hue: 10, motif: 'circles', alt: 'Abstract rust-red circles arranged in a spiral' },
      translations: {
        en: {
          title: 'Iron and folic acid: why these tablets matter in pregnancy',
          lead: "Daily iron and folic acid tablets help prevent anaemia and protect your baby's developing brain and spine.",
          body: `During pregnancy, your body makes much more blood to supply your baby. Without enough iron you can become anaemic, which makes you tired and raises the risk of problems at birth.

## What they do

- **Iron** helps your blood carry oxygen to you and your baby.
- **Folic acid** helps prevent serious birth defects of the brain and spine. It works best when started _before_ pregnancy and continued through the early weeks.

## How to take them

1. Take them every day, as your clinic advises, for the whole pregnancy.
2. Take them with water or orange juice, not with tea, coffee or milk.
3. If they upset your stomach, try taking them at night or with a small snack.

## Common side effects

- Dark or black stools, which is normal
- Constipation: drink more water and eat fruit, vegetables and beans
- Mild nausea

Do not stop without talking to a nurse; there may be another option for you.

## Planning a pregnancy?

If you might become pregnant, ask about starting folic acid now. Dark green leaves, beans, lentils and eggs also add iron and folate. Keep the tablets out of reach of children, as too much iron is dangerous for them.`,
        },
      },
    },
    {
      slug: 'teen-nutrition',
      section: 'nutrition',
      sites: SUB_SAHARAN,
      tags: ['food', 'teens'],
      daysAgo: 77,
      image: { hue: 110, motif: 'sun', alt: 'Abstract lime-green sun over a bright field' },
      translations: {
        en: {
          title: 'Food for growing bodies: eating well as a teenager',
          lead: 'Your body grows more in your teens than at any time since you were a baby. Good food fuels that growth, your mood and your schoolwork.',
          body: `The teenage years are a time of fast growth. You need energy, protein, iron and calcium, and breakfast before school helps you concentrate.

## A balanced plate

- **Half the plate:** vegetables and fruit, in as many colours as you can
- **A quarter:** starch such as ugali, pap, rice, sweet potato or brown bread
- **A quarter:** protein such as beans, eggs, fish, chicken, meat or groundnuts

## Key nutrients

- **Iron** for energy, especially once periods start: beans, lentils, green leaves and meat
- **Calcium** for strong bones: milk, yoghurt, and small fish eaten with their bones, such as omena or dried sardines
- **Water:** six to eight glasses a day

## Easy habits

1. Eat breakfast, even if it is small.
2. Carry a snack like fruit or roasted groundnuts instead of buying sweets.
3. Keep sugary drinks and fried snacks for special occasions.
4. Eat with family or friends when you can.

## About body image

Bodies come in many healthy shapes. Skipping meals or strict diets can slow growth and affect your periods. If you are worried about your weight or eating, talk to a nurse.`,
        },
      },
    },
    {
      slug: 'stress-coping-skills',
      section: 'mental-health',
      sites: SUB_SAHARAN,
      tags: ['stress', 'wellbeing'],
      daysAgo: 28,
      translations: {
        en: {
          title: 'Everyday stress: simple skills to cope',
          lead: "Stress is the body's alarm system. A few simple habits can turn the volume down when life feels like too much.",
          body: `Stress can come from school, money, family, relationships or worries about the future. In small amounts it helps you act. When it goes on too long, it can affect your sleep, body and mood.

## Signs stress is building up

- Headaches, stomach aches or a tight chest
- Trouble sleeping, or sleeping all the time
- Feeling irritable, tearful or numb
- Pulling away from friends

## Skills you can try today

1. **Breathe slowly.** Breathe in through your nose for four counts and out through your mouth for six. Repeat five times.
2. **Name it.** Write down what is worrying you, and split big problems into small next steps.
3. **Move.** A walk, a dance or a game helps your body let go of stress.
4. **Connect.** Talk to a friend or family member; you do not have to solve it alone.
5. **Rest from screens.** Put the phone away for an hour before sleep.

## Avoid quick fixes that backfire

Alcohol, drugs and endless scrolling may feel like a break, but they usually make stress worse.

> If stress is stopping you from living your life, or you feel unsafe, reach out to a health worker or counsellor. That is a strong thing to do.`,
        },
      },
    },
    {
      slug: 'healthy-relationships',
      section: 'relationships',
      sites: SUB_SAHARAN,
      tags: ['relationships', 'respect'],
      daysAgo: 20,
      image: { hue: 140, motif: 'leaves', alt: 'Abstract two green leaves leaning towards each other' },
      translations: {
        en: {
          title: 'Healthy or harmful? Signs to look for in a relationship',
          lead: 'A good relationship makes you feel safe, respected and free to be yourself. Some behaviours are warning signs, even when they come with love.',
          body: `Relationships can bring joy and support. But it is not always easy to see when something is wrong, especially when you care about the person.

## Signs of a healthy relationship

- You trust each other and can talk openly
- You both have time for friends, family and school or work
- Disagreements are solved without insults or fear
- "No" is respected, including about sex

## Warning signs

- Checking your phone or controlling who you talk to
- Constant jealousy, put-downs or threats
- Pressure to have sex, or to have sex without a condom
- Hitting, pushing or destroying your things
- Making you feel you owe them for gifts or money

## What you can do

1. Trust your feelings. If something feels wrong, it probably is.
2. Talk to a friend, family member, teacher or counsellor.
3. Make a safety plan if you feel in danger: know where you can go and who to call.

Abuse is **never** your fault, and it is not a normal part of love. Health workers and counsellors can help you, confidentially.`,
        },
        sw: {
          title: 'Uhusiano mzuri au wenye madhara? Ishara za kuangalia',
          lead: 'Uhusiano mzuri hukufanya ujisikie salama, unaheshimiwa na uko huru kuwa wewe mwenyewe.',
          body: `## Ishara za uhusiano mzuri

- Mnaaminiana na mnaongea kwa uwazi
- Kila mmoja ana muda wa marafiki, familia na masomo
- Mnasuluhisha tofauti bila matusi wala hofu
- "Hapana" inaheshimiwa, hata kuhusu ngono

## Ishara za hatari

- Kukagua simu yako au kukuchagulia marafiki
- Wivu wa kupita kiasi, matusi au vitisho
- Kulazimishwa kufanya ngono
- Kupigwa au kusukumwa

## Unachoweza kufanya

1. Amini hisia zako.
2. Ongea na rafiki, mzazi, mwalimu au mshauri.
3. Ukiwa hatarini, jua mahali pa kwenda na mtu wa kumpigia simu.

Unyanyasaji **si** kosa lako kamwe, na si sehemu ya mapenzi.`,
        },
      },
    },
    {
      slug: 'postnatal-checkups',
      section: 'pregnancy-checkups',
      sites: SUB_SAHARAN,
      tags: ['newborn', 'postnatal'],
      daysAgo: 88,
      translations: {
        en: {
          title: 'Postnatal check-ups: caring for mother and baby after birth',
          lead: 'Check-ups in the first six weeks after birth keep both mother and baby safe. Here is when to go and what happens.',
          body: `The first days and weeks after birth are when many problems for mothers and newborns begin, so postnatal care is just as important as antenatal care.

## When to go

- Before you leave the facility, or within 24 hours if you gave birth at home
- On day 3, between days 7 and 14, and at six weeks

## Checks for your baby

- Weight, feeding and temperature
- The umbilical cord: keep it clean and dry, and put nothing on it unless a health worker advises
- Yellow skin or eyes, which may need treatment
- Vaccines, starting at birth

## Danger signs in a newborn: go at once

1. Not feeding well, or too weak to suck
2. Fits, or a very floppy body
3. Fast breathing, or the chest pulling in with each breath
4. Fever, or feeling cold to the touch
5. Yellow palms or soles
6. Redness or pus around the cord

## Checks for you

Your bleeding, blood pressure, stitches, breasts and mood will be checked, and you can choose a family planning method. **Bring your baby's health card** to every visit so vaccines and growth are recorded.`,
        },
      },
    },
  ],

  // ---------------------------------------------------------------------------------------
  // Pages
  // ---------------------------------------------------------------------------------------
  pages: [
    {
      slug: 'about',
      position: 1,
      sites: 'all',
      translations: {
        en: {
          title: 'About us',
          body: `We are a health information service for young people and mothers. Everything here is written in plain language and checked by health workers, so you can make choices about your body with confidence.

## What you will find

- Facts about periods, contraception, HIV and STIs
- Guidance on pregnancy, birth and caring for a new baby
- Support for stress, low mood and relationships

## Our promise

1. Information that is accurate, kind and free from judgement
2. Your privacy respected: you do not need to sign in to read anything
3. Clear advice on when to see a health worker

This site gives general information and does not replace a visit to a clinic. For personal advice, call our helpline on {{helpline}}.`,
        },
        'sw-KE': {
          title: 'Kuhusu sisi',
          body: `Sisi ni huduma ya taarifa za afya kwa vijana na akina mama. Kila kitu hapa kimeandikwa kwa lugha rahisi na kukaguliwa na wahudumu wa afya.

## Utakachopata

- Ukweli kuhusu hedhi, uzazi wa mpango, VVU na magonjwa ya zinaa
- Mwongozo kuhusu ujauzito na kumtunza mtoto mchanga
- Msaada kuhusu stress, huzuni na mahusiano

Tovuti hii haichukui nafasi ya kliniki. Kwa ushauri wa kibinafsi, piga simu {{helpline}}.`,
        },
        'zu-ZA': {
          title: 'Mayelana nathi',
          body: `Siyinsiza yolwazi lwezempilo yabantu abasha nomama. Konke lapha kubhalwe ngolimi olulula futhi kuhlolwe abasebenzi bezempilo.

## Ozokuthola

- Iqiniso ngokuya esikhathini, ukuvimbela inzalo, i-HIV nezifo ezithathelwana ngocansi
- Iseluleko ngokukhulelwa nokunakekela usana
- Usizo ngokucindezeleka nobudlelwano

Le sizindalwazi ayithathi indawo yomtholampilo. Ukuze uthole iseluleko, shayela u-{{helpline}}.`,
        },
        'pcm-NG': {
          title: 'About us',
          body: `We be health information service for young people and mama dem. Everything wey dey here, we write am for simple language and health workers don check am.

## Wetin you go find

- True talk about period, family planning, HIV and STI
- Advice about belle and how to take care of new baby
- Support for stress, when mind no dey happy, and relationship

This site no fit replace clinic. If you want personal advice, call {{helpline}}.`,
        },
        'ar-EG': {
          title: 'من نحن',
          body: `نحن خدمة معلومات صحية للشباب والأمهات. كل ما هنا مكتوب بلغة بسيطة وراجعه عاملون في المجال الصحي، حتى تتخذي قراراتك عن جسمك بثقة.

## ماذا ستجدين هنا

- معلومات عن الدورة الشهرية ووسائل منع الحمل والأمراض المنقولة جنسياً
- إرشادات عن الحمل والولادة ورعاية المولود
- دعم للتعامل مع التوتر والحزن والعلاقات

هذا الموقع لا يغني عن زيارة الطبيب. للاستشارة الشخصية اتصلي على {{helpline}}.`,
        },
      },
    },
    {
      slug: 'privacy',
      position: 2,
      sites: 'all',
      translations: {
        en: {
          title: 'Privacy',
          body: `Your privacy matters to us, especially when you are reading about sensitive health topics.

## What we collect

- We do **not** ask you to create an account or give your name to read this site.
- We count page visits in a way that does not identify you, so we know which topics are useful.
- If you contact us by SMS, USSD or WhatsApp, we use your number only to reply and to keep the conversation going.

## What we never do

1. Sell or share your information with advertisers
2. Tell your family, school or employer that you used this service
3. Keep messages longer than we need them

## Your choices

You can ask us to delete your messages at any time. On a shared phone, you may want to clear your browser history after reading.`,
        },
        ar: {
          title: 'الخصوصية',
          body: `خصوصيتك مهمة لنا، خاصة عندما تقرأ عن موضوعات صحية حساسة.

## ما نجمعه

- **لا** نطلب منك إنشاء حساب أو ذكر اسمك لقراءة هذا الموقع.
- نحصي زيارات الصفحات بطريقة لا تكشف هويتك.
- إذا تواصلت معنا عبر الرسائل القصيرة أو واتساب، نستخدم رقمك للرد عليك فقط.

## ما لا نفعله أبداً

1. بيع معلوماتك أو مشاركتها مع المعلنين
2. إخبار أسرتك أو مدرستك أو عملك بأنك استخدمت الخدمة
3. الاحتفاظ بالرسائل أطول من اللازم

يمكنك أن تطلب حذف رسائلك في أي وقت.`,
        },
      },
    },
    {
      slug: 'contact',
      position: 3,
      sites: 'all',
      translations: {
        en: {
          title: 'Contact us',
          body: `We are here to listen. Whatever your question, there is no need to feel embarrassed.

## Talk to someone

- **Helpline:** call {{helpline}} to speak to a trained counsellor in confidence.
- **SMS and WhatsApp:** send us a message and we will reply as soon as we can.

## In an emergency

If you or someone else is in danger, or you have a danger sign in pregnancy, go to the nearest health facility straight away. Do not wait for a reply from us.

## Find a clinic

1. Ask at your nearest public health centre.
2. Tell the staff you would like a confidential visit.
3. Call {{helpline}} if you need help finding a service near you.`,
        },
        ar: {
          title: 'اتصل بنا',
          body: `نحن هنا لنستمع إليك. مهما كان سؤالك، لا داعي للإحراج.

## تحدث مع أحد

- **الخط الساخن:** اتصل بالرقم {{helpline}} للتحدث مع مستشار مدرب بسرية تامة.
- **الرسائل وواتساب:** أرسل لنا رسالة وسنرد في أقرب وقت.

## في حالات الطوارئ

إذا كنت أنت أو غيرك في خطر، أو ظهرت علامة خطر أثناء الحمل، فاذهب إلى أقرب مستشفى فوراً ولا تنتظر ردنا.`,
        },
      },
    },
  ],

  // ---------------------------------------------------------------------------------------
  // Banners
  // ---------------------------------------------------------------------------------------
  banners: [
    {
      slug: 'get-tested-week',
      position: 1,
      sites: ['kijana-ke', 'thrive-za'],
      link: '/hiv-and-stis',
      image: { hue: 205, motif: 'circles', alt: 'Abstract bright blue circles on a white background' },
      translations: {
        en: { title: 'Get Tested Week', text: 'Free, quick and confidential HIV tests at youth-friendly clinics this week. Know your status.' },
        'sw-KE': { title: 'Wiki ya Kupima', text: 'Vipimo vya VVU bure, haraka na kwa siri katika kliniki rafiki kwa vijana wiki hii. Jua hali yako.' },
        'zu-ZA': { title: 'Iviki Lokuhlolwa', text: 'Ukuhlolelwa i-HIV mahhala, ngokushesha nangasese emitholampilo yabasha kuleli viki. Yazi isimo sakho.' },
      },
    },
    {
      slug: 'clinic-finder',
      position: 2,
      sites: 'all',
      link: '/pages/contact',
      image: { hue: 150, motif: 'leaves', alt: 'Abstract green leaves forming a path' },
      translations: {
        en: { title: 'Find a clinic near you', text: 'Not sure where to go? Call {{helpline}} and we will help you find a friendly, confidential service.' },
        ar: { title: 'اعثر على عيادة قريبة منك', text: 'لا تعرف إلى أين تذهب؟ اتصل بالرقم {{helpline}} وسنساعدك في العثور على خدمة سرية وودودة.' },
      },
    },
    {
      slug: 'book-antenatal-early',
      position: 3,
      sites: ['mama-ng'],
      link: '/pregnancy-checkups',
      image: { hue: 35, motif: 'sun', alt: 'Abstract amber sun rising over green hills' },
      translations: {
        en: { title: 'Pregnant? Book antenatal care early', text: 'Register at your nearest primary health centre as soon as you know. Early care protects you and your baby.' },
        'pcm-NG': { title: 'You get belle? Book antenatal early', text: 'Go register for PHC wey near you once you know. Early care dey protect you and your pikin.' },
      },
    },
  ],
};
