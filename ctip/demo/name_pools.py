"""Name pools for the demo's synthetic people, per country, in each country's script with a
romanisation. Names are composed at random from these parts; no real person is meant.

The pools are wide where names are diverse in life and concentrated where they are not:
Thai and Lao family names are nearly unique to a family (composed here from syllables),
Burmese names are combinations of syllables (no family name), Vietnamese family names are few
(Nguyễn about a third) with wide middle and given names, Khmer family names are few and
given names many, Filipino names carry the mother's family name as a middle name.
Pairs are (as written in the script, romanisation); Latin-script countries give plain names.
"""

# fmt: off
# ---------------------------------------------------------------- Thailand (given-family)
THAI_GIVEN = {
    "male": [
        ("สมชาย", "Somchai"), ("วิชัย", "Wichai"), ("สมศักดิ์", "Somsak"), ("อนุชา", "Anucha"),
        ("ธนากร", "Thanakorn"), ("กิตติ", "Kitti"), ("ณัฐพล", "Nattaphon"),
        ("ประเสริฐ", "Prasert"), ("สุรชัย", "Surachai"), ("ชัยวัฒน์", "Chaiwat"),
        ("ธีรพงษ์", "Theerapong"), ("อภิชาติ", "Aphichat"), ("วีระ", "Weera"),
        ("สุเมธ", "Sumet"), ("ปิยะ", "Piya"), ("เกียรติศักดิ์", "Kiattisak"),
        ("ธนพล", "Thanaphon"), ("จักรพันธ์", "Jakkaphan"), ("พงศกร", "Phongsakorn"),
        ("ศุภชัย", "Supachai"), ("วรวุฒิ", "Worawut"), ("อดิศักดิ์", "Adisak"),
        ("ยุทธนา", "Yutthana"), ("สมพงษ์", "Somphong"), ("บุญเลิศ", "Boonlert"),
        ("สุทธิพงษ์", "Sutthiphong"), ("ชาญวิทย์", "Chanwit"), ("ภานุวัฒน์", "Phanuwat"),
        ("ณรงค์", "Narong"), ("สุริยา", "Suriya"), ("ธวัชชัย", "Thawatchai"),
        ("เอกชัย", "Ekkachai"), ("วิโรจน์", "Wiroj"), ("ไพโรจน์", "Phairoj"),
        ("นพดล", "Noppadol"), ("ชัยณรงค์", "Chainarong"), ("ทวีศักดิ์", "Thaweesak"),
        ("อำนาจ", "Amnat"), ("สุวิทย์", "Suwit"), ("มานพ", "Manop"), ("รังสรรค์", "Rangsan"),
        ("กฤษดา", "Kritsada"), ("ปริญญา", "Parinya"), ("อาทิตย์", "Athit"),
        ("ภูมิ", "Phum"), ("วัชระ", "Watchara"), ("สมบัติ", "Sombat"), ("ไพศาล", "Phaisan"),
    ],
    "female": [
        ("สมศรี", "Somsri"), ("มาลี", "Malee"), ("สุดา", "Suda"), ("นภา", "Napha"),
        ("วันดี", "Wandee"), ("พิมพ์ใจ", "Pimjai"), ("กาญจนา", "Kanchana"),
        ("อรุณี", "Arunee"), ("ศิริพร", "Siriporn"), ("จันทร์เพ็ญ", "Chanpen"),
        ("สุภาพร", "Supaporn"), ("วิไลวรรณ", "Wilaiwan"), ("นงลักษณ์", "Nongluck"),
        ("รัตนา", "Rattana"), ("ปราณี", "Pranee"), ("อัมพร", "Amporn"), ("ดวงใจ", "Duangjai"),
        ("พรทิพย์", "Pornthip"), ("จิราพร", "Jiraporn"), ("นิตยา", "Nittaya"),
        ("สุนีย์", "Sunee"), ("อรทัย", "Orathai"), ("ปิยะนุช", "Piyanuch"),
        ("กนกวรรณ", "Kanokwan"), ("ชุติมา", "Chutima"), ("ณัฐธิดา", "Nattida"),
        ("พัชรี", "Patcharee"), ("วรรณา", "Wanna"), ("สมใจ", "Somjai"), ("เพ็ญศรี", "Pensri"),
        ("ลัดดา", "Ladda"), ("บุษบา", "Butsaba"), ("ธิดารัตน์", "Thidarat"),
        ("อุไรวรรณ", "Uraiwan"), ("ศศิธร", "Sasithorn"), ("เยาวลักษณ์", "Yaowalak"),
        ("ปวีณา", "Paweena"), ("จันทิมา", "Chanthima"), ("รุ่งนภา", "Rungnapha"),
        ("สุกัญญา", "Sukanya"), ("อัญชลี", "Anchalee"), ("ศิริรัตน์", "Sirirat"),
        ("ทิพวรรณ", "Thippawan"), ("มยุรี", "Mayuree"), ("เบญจวรรณ", "Benjawan"),
        ("วาสนา", "Wassana"), ("ดารุณี", "Darunee"), ("พิไลพร", "Philaiporn"),
    ],
}
# Thai family names are nearly unique to a family: two or three of these joined.
THAI_FAMILY_SYLLABLES = [
    ("ศรี", "sri"), ("สุข", "suk"), ("ทอง", "thong"), ("แก้ว", "kaew"), ("วงศ์", "wong"),
    ("ชัย", "chai"), ("พงษ์", "phong"), ("ศักดิ์", "sak"), ("รัตน", "rattana"), ("บุญ", "boon"),
    ("เจริญ", "charoen"), ("สวัสดิ์", "sawat"), ("มณี", "manee"), ("ดี", "dee"),
    ("ใหญ่", "yai"), ("พันธ์", "phan"), ("กุล", "kul"), ("วัฒนา", "wattana"),
    ("สมบูรณ์", "somboon"), ("ปัญญา", "panya"), ("ศิริ", "siri"), ("อินทร์", "in"),
    ("จันทร์", "chan"), ("เพชร", "phet"), ("นาค", "nak"), ("สิทธิ์", "sit"), ("ธรรม", "tham"),
    ("พร", "phon"), ("มงคล", "mongkol"), ("สกุล", "sakul"), ("เรือง", "rueang"),
    ("รุ่ง", "rung"), ("โชติ", "chot"), ("ไพบูลย์", "phaiboon"), ("อุดม", "udom"),
    ("กิจ", "kit"), ("เดช", "det"), ("ภักดี", "phakdee"), ("นิล", "nil"), ("แสง", "saeng"),
    ("ประ", "pra"), ("สม", "som"), ("วิ", "wi"), ("เลิศ", "lert"), ("ทิพย์", "thip"),
    ("คำ", "kham"), ("ยศ", "yot"), ("อ่อน", "on"),
]

# ---------------------------------------------------------------- Laos (given-family)
LAO_GIVEN_FIRST = {
    "male": [("ສົມ", "Som"), ("ບຸນ", "Boun"), ("ຄຳ", "Kham"), ("ທອງ", "Thong"),
             ("ເພັດ", "Phet"), ("ສຸກ", "Souk"), ("ໄຊ", "Xay"), ("ວິ", "Vi"), ("ແສງ", "Seng"),
             ("ພູ", "Phou"), ("ສີ", "Sy"), ("ອຸ", "Ou"), ("ຈັນ", "Chanh"), ("ບົວ", "Boua")],
    "female": [("ມະນີ", "Mani"), ("ດາວ", "Dao"), ("ນ້ອຍ", "Noy"), ("ວຽງ", "Vieng"),
               ("ບົວ", "Boua"), ("ສຸກ", "Souk"), ("ຄຳ", "Kham"), ("ພອນ", "Phone"),
               ("ແສງ", "Seng"), ("ຈັນ", "Chanh"), ("ນາ", "Na"), ("ສົມ", "Som"),
               ("ລັດ", "Lat"), ("ອາ", "A")],
}
LAO_GIVEN_SECOND = [
    ("ພອນ", "phone"), ("ມີ", "my"), ("ລາ", "la"), ("ສະຫວັນ", "savanh"), ("ໃຈ", "chay"),
    ("ສະໝອນ", "samone"), ("ວອນ", "vone"), ("ທະວີ", "thavy"), ("ດາລາ", "dala"),
    ("ຄອນ", "khone"), ("ສີ", "sy"), ("ລີ", "ly"), ("ວັນ", "vanh"), ("ແດງ", "daeng"),
    ("ໄພ", "phay"), ("ສະໄໝ", "samay"), ("ຄຳ", "kham"), ("ທິບ", "thip"), ("ດາ", "da"),
    ("ນະລີ", "naly"), ("ສຸດາ", "souda"), ("ພັນ", "phanh"),
]
LAO_FAMILY_SYLLABLES = [
    ("ສີ", "si"), ("ສຸ", "sou"), ("ວັນ", "vanh"), ("ວົງ", "vong"), ("ສາ", "sa"),
    ("ພົມ", "phom"), ("ມະ", "ma"), ("ມະນີ", "many"), ("ແກ້ວ", "keo"), ("ຈັນ", "chanh"),
    ("ທະ", "tha"), ("ບຸນ", "boun"), ("ສະຫວັດ", "savath"), ("ໄຊ", "xay"), ("ພັນ", "phanh"),
    ("ອິນ", "inh"), ("ທອງ", "thong"), ("ຄຳ", "kham"), ("ສຸກ", "souk"), ("ພອນ", "phone"),
    ("ສົມ", "som"), ("ນາ", "na"), ("ວິໄລ", "vilay"), ("ລີ", "ly"), ("ສິດ", "sith"),
    ("ແສງ", "seng"), ("ດວງ", "douang"), ("ພະ", "pha"), ("ລາດ", "lath"), ("ຊາ", "xa"),
]

# ---------------------------------------------------------------- Cambodia (family-given)
KHMER_FAMILY = [  # (script, romanisation, weight): a few family names are very common
    ("សុខ", "Sok", 9), ("ចាន់", "Chan", 8), ("គឹម", "Kim", 5), ("ហេង", "Heng", 5),
    ("លី", "Ly", 5), ("កែវ", "Keo", 5), ("ជា", "Chea", 4), ("មាស", "Meas", 3),
    ("ពេជ្រ", "Pich", 3), ("ស៊ុន", "Sun", 3), ("ពៅ", "Pov", 2), ("ម៉ៅ", "Mao", 2),
    ("សេង", "Seng", 3), ("ឡុង", "Long", 2), ("ហ៊ុយ", "Huy", 2), ("ទេព", "Tep", 2),
    ("យឹម", "Yim", 2), ("រស់", "Ros", 2), ("សំ", "Sam", 2), ("ឈឹម", "Chhim", 2),
    ("ប្រាក់", "Prak", 2), ("អ៊ុក", "Ouk", 2), ("ញឹម", "Nhim", 1), ("ទូច", "Touch", 1),
    ("ម៉ម", "Mom", 1), ("នួន", "Nuon", 1), ("ខៀវ", "Khiev", 1), ("ឆាយ", "Chhay", 1),
    ("ស៊ឹម", "Sim", 1), ("អ៊ឹម", "Im", 1), ("ណុប", "Nop", 1), ("វ៉ន", "Von", 1),
]
KHMER_GIVEN = {
    "male": [
        ("ដារ៉ា", "Dara"), ("វណ្ណៈ", "Vannak"), ("រិទ្ធី", "Rithy"), ("សុខា", "Sokha"),
        ("វិសាល", "Visal"), ("ពិសិដ្ឋ", "Piseth"), ("វិចិត្រ", "Vichet"), ("សុផល", "Sophal"),
        ("រតនា", "Ratana"), ("វណ្ណា", "Vanna"), ("សម្បត្តិ", "Sambath"), ("កុសល", "Kosal"),
        ("វុទ្ធី", "Vuthy"), ("សំណាង", "Samnang"), ("ចំរើន", "Chamroeun"),
        ("សុវណ្ណ", "Sovann"), ("មករា", "Makara"), ("ណារិទ្ធ", "Narith"), ("ផល្លា", "Phalla"),
        ("សារិទ្ធ", "Sarith"), ("ប៊ុនធឿន", "Bunthoeun"), ("សុភ័ក្រ", "Sopheak"),
        ("ធារ៉ា", "Thara"), ("វិរៈ", "Virak"), ("បញ្ញា", "Panha"), ("សុជាតិ", "Socheat"),
        ("ពិសាល", "Pisal"), ("រដ្ឋា", "Rotha"), ("សុធី", "Sothy"), ("ចាន់ថន", "Chanthon"),
        ("វិបុល", "Vibol"), ("ឧត្តម", "Oudom"), ("សុភាព", "Sopheap"), ("មុន្នី", "Monny"),
        ("ភារុណ", "Phearun"), ("បូរ៉ា", "Bora"), ("សីហា", "Seyha"), ("តុលា", "Tola"),
    ],
    "female": [
        ("សុភា", "Sophea"), ("ស្រីមុំ", "Sreymom"), ("ចន្ថា", "Chantha"), ("ដាលីន", "Dalin"),
        ("សុខលី", "Sokly"), ("ចរិយា", "Chariya"), ("ចាន់ណារី", "Channary"),
        ("បុប្ផា", "Bopha"), ("គន្ធា", "Kunthea"), ("ចិន្តា", "Chenda"), ("ធារី", "Theary"),
        ("សុធា", "Sothea"), ("ណាវី", "Navy"), ("ម៉ាលីស", "Malis"), ("លក្ខិណា", "Leakhena"),
        ("កញ្ញា", "Kanha"), ("រចនា", "Rachana"), ("ស្រីពៅ", "Sreypov"),
        ("ស្រីលក្ខណ៍", "Sreyleak"), ("ស្រីនាង", "Sreyneang"), ("សុគន្ធា", "Sokunthea"),
        ("វត្តី", "Vatey"), ("ស្រីរ័ត្ន", "Sreyrath"), ("សុភី", "Sophy"), ("ចាន់ធូ", "Chanthou"),
        ("រស្មី", "Reaksmey"), ("សុម៉ាលី", "Somaly"), ("ពិសី", "Pisey"), ("នារី", "Neary"),
        ("សុខនី", "Sokny"), ("ស្រីអូន", "Sreyoun"), ("ម៉ានី", "Many"), ("ធីតា", "Thida"),
        ("សុវណ្ណារី", "Sovannary"), ("ចាន់ត្រា", "Chantrea"), ("មន្ថា", "Montha"),
    ],
}

# ---------------------------------------------------------------- Myanmar (no family name)
# Syllables, and whether each is mostly given to men, women or both; names are two to four.
BURMESE_SYLLABLES = {
    "male": [
        ("အောင်", "Aung"), ("ကျော်", "Kyaw"), ("ဇော်", "Zaw"), ("မင်း", "Min"),
        ("ထွန်း", "Htun"), ("မျိုး", "Myo"), ("ထက်", "Htet"), ("စိုး", "Soe"), ("ရဲ", "Ye"),
        ("သူရ", "Thura"), ("နိုင်", "Naing"), ("မောင်", "Maung"), ("သန့်", "Thant"),
        ("ဇေယျာ", "Zeya"), ("ပိုင်", "Paing"), ("တင်", "Tin"), ("ဟိန်း", "Hein"),
        ("ကို", "Ko"), ("ဖြိုး", "Phyo"), ("ဝေယံ", "Wai Yan"), ("လွင်", "Lwin"),
        ("သိန်း", "Thein"), ("ခိုင်", "Khaing"), ("ဘို", "Bo"), ("ညီ", "Nyi"),
    ],
    "female": [
        ("ခင်", "Khin"), ("စု", "Su"), ("အေး", "Aye"), ("မွန်", "Mon"), ("မိုး", "Moe"),
        ("နှင်း", "Hnin"), ("ဇင်", "Zin"), ("မာ", "Mar"), ("ဖြူ", "Phyu"), ("နွယ်", "Nwe"),
        ("ချို", "Cho"), ("သီတာ", "Thida"), ("နီလာ", "Nilar"), ("သန္တာ", "Thandar"),
        ("ယု", "Yu"), ("ပပ", "Pa Pa"), ("ဣန္ဒြာ", "Eaindra"), ("မေ", "May"), ("ရတီ", "Yadanar"),
        ("ဝတ်ရည်", "Wut Yee"), ("ချမ်း", "Chan"), ("စန္ဒာ", "Sandar"), ("ဥမ္မာ", "Ohnmar"),
        ("သဉ္ဇာ", "Thinzar"), ("နန္ဒာ", "Nandar"),
    ],
    "any": [
        ("ဝင်း", "Win"), ("လင်း", "Lin"), ("မြင့်", "Myint"), ("လှိုင်", "Hlaing"),
        ("ဦး", "Oo"), ("စန်း", "San"), ("ငြိမ်း", "Nyein"), ("ကြည်", "Kyi"), ("လှ", "Hla"),
        ("သက်", "Thet"), ("ညွန့်", "Nyunt"), ("မြတ်", "Myat"), ("ပြည့်", "Pyae"),
        ("သော်", "Thaw"), ("ထွေး", "Htwe"), ("ဝေ", "Wai"), ("သူ", "Thu"), ("မြ", "Mya"),
        ("ရီ", "Yi"), ("ဖူး", "Phoo"), ("နု", "Nu"), ("ဆွေ", "Swe"), ("ကြူ", "Kyu"),
    ],
}

# ---------------------------------------------------------------- Vietnam (family-middle-given)
VIETNAMESE_FAMILY = [
    ("Nguyễn", 32), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 4), ("Huỳnh", 4),
    ("Phan", 4), ("Vũ", 3), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2),
    ("Ngô", 2), ("Dương", 1), ("Lý", 1), ("Đinh", 1), ("Đào", 1), ("Trịnh", 1), ("Mai", 1),
    ("Cao", 1), ("Tạ", 0.5), ("Lưu", 0.5), ("Hà", 0.5), ("Chu", 0.5), ("Lương", 0.5),
    ("Tô", 0.3), ("Vương", 0.3), ("Quách", 0.3), ("Triệu", 0.3), ("Kiều", 0.3), ("Thái", 0.3),
]
VIETNAMESE_MIDDLE = {
    "male": [("Văn", 30), ("Đức", 8), ("Minh", 8), ("Quốc", 6), ("Hữu", 6), ("Thanh", 6),
             ("Công", 5), ("Trọng", 4), ("Xuân", 4), ("Duy", 4), ("Tuấn", 3), ("Ngọc", 3),
             ("Quang", 3), ("Hoàng", 3), ("Mạnh", 2), ("Tiến", 2), ("Anh", 2), ("Thế", 2),
             ("Đình", 3), ("Bá", 2), ("Chí", 2), ("Gia", 2), ("Hải", 1), ("Trung", 1)],
    "female": [("Thị", 40), ("Ngọc", 8), ("Thu", 6), ("Thanh", 6), ("Kim", 5), ("Thùy", 4),
               ("Phương", 4), ("Hồng", 4), ("Bích", 3), ("Minh", 3), ("Mỹ", 3), ("Lan", 2),
               ("Hoài", 2), ("Diệu", 2), ("Bảo", 2), ("Khánh", 2), ("Hải", 2), ("Quỳnh", 2)],
}
VIETNAMESE_GIVEN = {
    "male": ["Anh", "Hùng", "Minh", "Tuấn", "Dũng", "Nam", "Hải", "Long", "Quang", "Sơn",
             "Thắng", "Việt", "Bình", "Cường", "Đức", "Khoa", "Phúc", "Trung", "Tâm", "Hiếu",
             "Huy", "Khánh", "Lâm", "Lực", "Nghĩa", "Phong", "Tài", "Thịnh", "Toàn", "Vinh",
             "An", "Bảo", "Chiến", "Công", "Danh", "Đạt", "Định", "Đông", "Giang", "Hào",
             "Hậu", "Hiệp", "Hòa", "Hoàng", "Hưng", "Khải", "Kiên", "Lộc", "Luân", "Mạnh",
             "Nhân", "Ninh", "Phát", "Phú", "Quân", "Quý", "Sang", "Tân", "Thái", "Thành",
             "Thiện", "Thông", "Tiến", "Tín", "Trí", "Triều", "Trọng", "Tùng", "Tú", "Vũ",
             "Hoan", "Khiêm", "Lợi", "Nguyên", "Nhật", "Phước", "Quyết", "Sỹ", "Thuận", "Vĩnh",
             "Duy", "Hoà", "Kha", "Khôi", "Lân", "Nhơn", "Pháp", "Quyền", "Tấn", "Thạch",
             "Thìn", "Tường", "Uy", "Vương", "Xuyên", "Yên", "Bằng", "Cảnh", "Dương", "Đoàn"],
    "female": ["Anh", "Lan", "Hương", "Linh", "Hoa", "Thu", "Mai", "Trang", "Phương", "Hà",
               "Ngọc", "Thảo", "Yến", "Nhung", "Hằng", "Vân", "Chi", "Dung", "Giang", "Hạnh",
               "Hiền", "Huyền", "Loan", "Nga", "Oanh", "Quyên", "Tâm", "Uyên", "Xuân",
               "Ánh", "Bích", "Diệp", "Diễm", "Duyên", "Hảo", "Hậu", "Hoài", "Hồng", "Khanh",
               "Kiều", "Lài", "Liên", "Liễu", "Lụa", "Ly", "My", "Nương", "Nhàn", "Nhi",
               "Nhiên", "Phượng", "Quế", "Quỳnh", "Sen", "Thắm", "Thanh", "Thơ", "Thủy",
               "Thúy", "Tiên", "Trâm", "Trinh", "Tuyết", "Vy", "Hường", "Lệ", "Mến", "Ngân",
               "Phấn", "Thoa", "Thương", "Trà", "Tươi", "Vui", "Xoan", "Châu", "Đào", "Gấm",
               "Hạ", "Huệ", "Khuê", "Lam", "Lành", "Lụa", "Mơ", "Ngà", "Nhạn", "Son", "Tú",
               "Vàng", "Yên", "Hiên", "Đan", "Cúc", "Dịu", "Hòa", "Kim", "Lê"],
}

# ---------------------------------------------------------------- Latin-script countries
FILIPINO_GIVEN = {
    "male": ["Jose", "Juan Carlos", "Mark Anthony", "Ricardo", "Michael", "John Paul",
             "Ramon", "Eduardo", "Antonio", "Jerome", "Roberto", "Fernando", "Rodrigo",
             "Danilo", "Ernesto", "Arnel", "Rommel", "Jonathan", "Christian", "Paolo",
             "Rafael", "Emmanuel", "Noel", "Romeo", "Alvin", "Dennis", "Marlon", "Reynaldo",
             "Wilfredo", "Benjamin", "Rogelio", "Mark", "Joel", "Edgardo", "Leonardo",
             "Francisco", "Manuel", "Renato", "Jaime", "Oscar", "Ariel", "Jayson", "Kevin",
             "Ronaldo", "Virgilio", "Nestor", "Efren", "Gerardo", "Allan", "Raymond",
             "John Michael", "Carlo", "Enrique", "Herminio", "Lorenzo", "Miguel", "Teodoro",
             "Vicente", "Zaldy", "Bienvenido"],
    "female": ["Maria Cristina", "Maria Theresa", "Maria Luisa", "Ana", "Rosalie",
               "Jennifer", "Maricel", "Liza", "Grace", "Maria", "Maria Elena",
               "Maria Victoria", "Rowena", "Marites", "Lorna", "Imelda", "Cecilia", "Evelyn",
               "Teresita", "Josephine", "Rachelle", "Kristine", "Angelica", "Marilou",
               "Analyn", "Jocelyn", "Leonora", "Erlinda", "Shiela", "Carmela", "Rosario",
               "Maria Fe", "Lourdes", "Concepcion", "Divina", "Editha", "Gloria", "Herminia",
               "Irene", "Janet", "Kimberly", "Lea", "Marivic", "Nenita", "Ofelia", "Perla",
               "Remedios", "Susana", "Thelma", "Vilma", "Zenaida", "Ma. Corazon",
               "Maria Angela", "Joy", "Mylene", "Rhodora", "Charmaine", "Arlene", "Donna",
               "Flordeliza"],
}
FILIPINO_FAMILY = [
    "Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Ramos", "Villanueva",
    "Aquino", "Castillo", "Flores", "Navarro", "Gonzales", "Torres", "Lopez", "Rivera",
    "Dizon", "Manalo", "Pascual", "Domingo", "Salazar", "Fernandez", "Morales", "Soriano",
    "Tolentino", "Valdez", "Gutierrez", "Lim", "Tan", "Macaraeg", "Panganiban",
    "Dimaculangan", "Magbanua", "Ocampo", "Santiago", "Estrada", "Mercado", "Agustin",
    "Dela Cruz", "De Leon", "Del Rosario", "De Guzman", "Aguilar", "Alvarez", "Andrada",
    "Bernardo", "Cabrera", "Castro", "Concepcion", "Corpuz", "Cortez", "Cunanan", "David",
    "Diaz", "Enriquez", "Espiritu", "Evangelista", "Francisco", "Galang", "Hernandez",
    "Ignacio", "Javier", "Jimenez", "Lacson", "Lagman", "Legaspi", "Lualhati", "Macapagal",
    "Magsaysay", "Malabanan", "Manalastas", "Marquez", "Medina", "Miranda", "Natividad",
    "Nepomuceno", "Obispo", "Padilla", "Palma", "Perez", "Pineda", "Quiambao", "Quinto",
    "Ramirez", "Robles", "Roxas", "Sabado", "Salvador", "Samonte", "Sarmiento", "Sison",
    "Tagle", "Tiongson", "Umali", "Valenzuela", "Velasco", "Vergara", "Yap", "Zamora",
    "Abad", "Alcantara", "Arceo", "Baluyot", "Buenaventura", "Calderon", "Catacutan",
    "Dalisay", "Esguerra", "Fajardo", "Gatchalian", "Ilagan", "Lapuz", "Mangahas", "Ongpin",
]
INDONESIAN_GIVEN = {
    "male": ["Budi", "Agus", "Joko", "Ahmad", "Wahyu", "Hendra", "Rudi", "Eko", "Bambang",
             "Dedi", "Fajar", "Galih", "Irwan", "Yudi", "Arif", "Dimas", "Rizky", "Teguh",
             "Andi", "Bayu", "Cahyo", "Darmawan", "Edi", "Feri", "Gilang", "Hadi", "Iwan",
             "Kurnia", "Lukman", "Mulyadi", "Nanang", "Prasetyo", "Sigit", "Taufik", "Yoga",
             "Zainal", "Adi", "Bagus", "Dwi", "Eka", "Fauzi", "Gunawan", "Heru", "Imam",
             "Joni", "Krisna", "Lutfi", "Muhammad", "Nugroho", "Putra", "Rahmat", "Slamet",
             "Tri", "Umar", "Wawan", "Yusuf", "Aditya", "Bima", "Dani", "Rahmad", "Ilham"],
    "female": ["Siti", "Dewi", "Sri", "Rina", "Nur", "Wulan", "Indah", "Ratna", "Yuni",
               "Ayu", "Fitri", "Lina", "Maya", "Novi", "Putri", "Rahmi", "Sari", "Tuti",
               "Anisa", "Bunga", "Citra", "Dian", "Endah", "Farida", "Gita", "Hesti", "Intan",
               "Kartika", "Lestari", "Mega", "Nining", "Pertiwi", "Retno", "Susi", "Wati",
               "Yanti", "Ani", "Dwi", "Eka", "Fransiska", "Handayani", "Ika", "Juwita",
               "Kurniasih", "Lia", "Melati", "Nia", "Oktaviani", "Purnamasari", "Rini",
               "Suryani", "Tri", "Utami", "Vina", "Wahyuni", "Yulia", "Zahra", "Anggraini",
               "Ningsih", "Rahayu"],
}
INDONESIAN_FAMILY = [
    "Santoso", "Rahayu", "Wijaya", "Hidayat", "Kusuma", "Saputra", "Nugroho", "Pratama",
    "Lestari", "Setiawan", "Susanto", "Gunawan", "Halim", "Siregar", "Nasution", "Hutapea",
    "Simanjuntak", "Purnomo", "Wibowo", "Kurniawan", "Firmansyah", "Ramadhan", "Sitompul",
    "Harahap", "Wahyudi", "Permana", "Utomo", "Syahputra", "Handoko", "Sihombing",
    "Panjaitan", "Lubis", "Tanjung", "Hasibuan", "Pangaribuan", "Manurung", "Sinaga",
    "Situmorang", "Simatupang", "Pardede", "Wirawan", "Hartono", "Sutanto", "Suryadi",
    "Prabowo", "Hakim", "Maulana", "Fadillah", "Iskandar", "Rusdi", "Sembiring", "Ginting",
    "Tarigan", "Pohan", "Daulay", "Batubara", "Matondang", "Sulistyo", "Widodo", "Yulianto",
    "Haryanto", "Setiadi", "Suharjo", "Tampubolon", "Rangkuti", "Anwar", "Baharuddin",
    "Mappaseng", "Latuconsina", "Pattiasina", "Wenda", "Rumbiak", "Manuputty", "Saragih",
]
MALAY_GIVEN = {
    "male": ["Hafiz", "Faiz", "Amin", "Rizal", "Azman", "Syafiq", "Hakim", "Irfan",
             "Khairul", "Zulkifli", "Aiman", "Haziq", "Danial", "Firdaus", "Shahrul", "Azlan",
             "Faisal", "Hisham", "Imran", "Kamal", "Nizam", "Rashid", "Syukri", "Zaki",
             "Adib", "Badrul", "Fikri", "Hairi", "Iqbal", "Luqman", "Nazri", "Ridzuan"],
    "female": ["Aisyah", "Aminah", "Huda", "Farah", "Aishah", "Nabila", "Syazwani",
               "Izzati", "Hidayah", "Liyana", "Amira", "Zahra", "Balqis", "Sofia", "Alya",
               "Atiqah", "Diyana", "Fatin", "Hanis", "Intan", "Khadijah", "Maisarah",
               "Najwa", "Rohani", "Salmah", "Syuhada", "Wardah", "Zarina", "Aini", "Hasnah"],
}
MALAY_FIRST = {"male": ["Muhammad", "Ahmad", "Mohd", "Mohamad", ""],
               "female": ["Nur", "Siti", "Nurul", "Noor", ""]}
MALAY_FATHERS = [
    "Abdullah", "Ahmad", "Ismail", "Hassan", "Ibrahim", "Osman", "Yusof", "Rahman", "Hamid",
    "Aziz", "Salleh", "Kassim", "Razak", "Mansor", "Ghani", "Jaafar", "Mokhtar", "Sulaiman",
    "Zakaria", "Harun", "Idris", "Latif", "Ali", "Bakar", "Daud", "Hashim", "Jamil", "Karim",
    "Musa", "Nordin", "Omar", "Rashid", "Sabri", "Talib", "Wahab", "Yaacob", "Zainal",
    "Hussin", "Mahmud", "Rosli",
]
CHINESE_FAMILY = ["Tan", "Lim", "Lee", "Ng", "Wong", "Chan", "Goh", "Ong", "Teo", "Chong",
                  "Yeo", "Koh", "Low", "Chua", "Sim", "Toh", "Foo", "Liew", "Leong", "Yap"]
CHINESE_GIVEN_SYLLABLES = ["Wei", "Jie", "Hui", "Min", "Jia", "Ling", "Xin", "Yi", "Kai",
                           "Jun", "Hao", "Mei", "Li", "Qi", "Yong", "Zhi", "Cheng", "Ying",
                           "Siew", "Kok", "Boon", "Chee", "Shu", "Wen", "Hong", "Ming"]
INDIAN_GIVEN = {
    "male": ["Ravi", "Rajesh", "Suresh", "Kumar", "Ganesh", "Arjun", "Vijay", "Prakash",
             "Mohan", "Saravanan", "Muthu", "Karthik", "Dinesh", "Selvam", "Anand"],
    "female": ["Kavitha", "Priya", "Lakshmi", "Devi", "Malar", "Shanti", "Revathi",
               "Anitha", "Geetha", "Deepa", "Kalaivani", "Meena", "Uma", "Vani", "Sangeetha"],
}
INDIAN_FATHERS = ["Subramaniam", "Krishnan", "Raman", "Muniandy", "Gopal", "Rajendran",
                  "Arumugam", "Nair", "Pillai", "Maniam", "Sivalingam", "Velu", "Ramasamy"]
TIMORESE_GIVEN = {
    "male": ["José", "João", "Domingos", "Francisco", "Mateus", "Agostinho", "Alfredo",
             "Manuel", "Paulo", "Tomás", "Armando", "Cipriano", "Eduardo", "Gaspar", "Hélio"],
    "female": ["Maria", "Ana", "Joana", "Filomena", "Rosa", "Teresa", "Madalena", "Isabel",
               "Angelina", "Cidália", "Ermelinda", "Fátima", "Graciana", "Lúcia", "Natália"],
}
TIMORESE_FAMILY = ["da Costa", "Soares", "Guterres", "Pereira", "Belo", "Ximenes", "Sarmento",
                   "da Silva", "dos Santos", "Gusmão", "Amaral", "Martins", "Freitas",
                   "Lopes", "Alves", "Carvalho", "Fernandes", "Mendonça", "Tilman", "Babo"]
ENGLISH_GIVEN = {
    "male": ["James", "Liam", "Thomas", "Nathan", "Daniel", "Matthew", "Benjamin", "Joshua",
             "Andrew", "Michael", "David", "Samuel", "Ryan", "Lachlan", "Jack", "William",
             "Oliver", "Ethan", "Luke", "Christopher", "Patrick", "Adam", "Timothy", "Peter",
             "Mark", "Simon", "Stephen", "Hamish", "Callum", "Angus", "Rohan", "Tom", "Ben",
             "Josh", "Scott", "Craig", "Dylan", "Harrison", "Mitchell", "Jacob"],
    "female": ["Sarah", "Emily", "Jessica", "Olivia", "Chloe", "Emma", "Charlotte",
               "Hannah", "Sophie", "Grace", "Lauren", "Rebecca", "Amy", "Laura", "Rachel",
               "Megan", "Kate", "Lucy", "Georgia", "Alice", "Isabella", "Zoe", "Claire",
               "Michelle", "Nicole", "Danielle", "Fiona", "Bridget", "Catherine", "Ellen",
               "Harriet", "Jane", "Kirsty", "Natalie", "Ruth", "Tara", "Vanessa", "Anna",
               "Mia", "Caitlin"],
}
ENGLISH_FAMILY = [
    "Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Johnson", "White", "Martin",
    "Anderson", "Thompson", "Nguyen", "Thomas", "Walker", "Harris", "Lee", "Ryan",
    "Robinson", "Kelly", "King", "Davis", "Wright", "Evans", "Roberts", "Green", "Hall",
    "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis", "James", "Phillips", "Mitchell",
    "Campbell", "Turner", "Edwards", "Murphy", "O'Connor", "O'Brien", "Baker", "Young",
    "Scott", "Chen", "Hughes", "Morris", "Stewart", "Moore", "Ward", "Parker", "Collins",
    "Cooper", "Morgan", "Bell", "Murray", "Graham", "Sullivan", "Fraser", "McDonald",
    "Hamilton", "Hunter", "Gordon", "Kennedy", "Price", "Russell", "Ross", "Walsh", "Burke",
    "Byrne", "Dunn", "Fitzgerald", "Gill", "Henderson", "Howard", "Kaur", "Lam", "Mason",
    "Nolan", "Pearce", "Quinn", "Reid", "Shaw", "Singh", "Tran", "Watson", "Webb", "Zhang",
]
# fmt: on
