package corpus

// Name parts. Every list is written for kg's generator; the people and
// organizations they combine into are fictional. Each entry is an English
// (romanized) form and its Hangul form.

type pair struct{ en, ko string }

// surnames are common Korean surnames with one usual romanization each.
var surnames = []pair{
	{"Kim", "김"}, {"Lee", "이"}, {"Park", "박"}, {"Choi", "최"}, {"Jung", "정"},
	{"Kang", "강"}, {"Cho", "조"}, {"Yoon", "윤"}, {"Jang", "장"}, {"Lim", "임"},
	{"Han", "한"}, {"Oh", "오"}, {"Seo", "서"}, {"Shin", "신"}, {"Kwon", "권"},
	{"Hwang", "황"}, {"Ahn", "안"}, {"Song", "송"}, {"Ryu", "류"}, {"Jeon", "전"},
	{"Hong", "홍"}, {"Ko", "고"}, {"Moon", "문"}, {"Yang", "양"}, {"Sohn", "손"},
	{"Bae", "배"}, {"Baek", "백"}, {"Heo", "허"}, {"Nam", "남"}, {"Noh", "노"},
}

// syllables build Korean given names (two syllables, "Min-su" / 민수) and
// organization stems ("Minsu" / 민수). Romanizations are unique, so the
// names they build are too.
var syllables = []pair{
	{"min", "민"}, {"su", "수"}, {"ji", "지"}, {"hyun", "현"}, {"young", "영"},
	{"seo", "서"}, {"jun", "준"}, {"ha", "하"}, {"eun", "은"}, {"woo", "우"},
	{"do", "도"}, {"yoon", "윤"}, {"jae", "재"}, {"ho", "호"}, {"sung", "성"},
	{"tae", "태"}, {"hye", "혜"}, {"jin", "진"}, {"kyung", "경"}, {"dong", "동"},
	{"so", "소"}, {"yeon", "연"}, {"hee", "희"}, {"hoon", "훈"}, {"sang", "상"},
	{"seok", "석"}, {"won", "원"}, {"yong", "용"}, {"joo", "주"}, {"a", "아"},
	{"bin", "빈"}, {"na", "나"}, {"ye", "예"}, {"da", "다"}, {"kyu", "규"},
	{"chan", "찬"}, {"beom", "범"}, {"seung", "승"}, {"jeong", "정"}, {"in", "인"},
	{"hyuk", "혁"}, {"yu", "유"}, {"chae", "채"}, {"sun", "선"}, {"han", "한"},
	{"byul", "별"}, {"sol", "솔"}, {"ram", "람"}, {"gun", "건"}, {"yul", "율"},
}

// westernFirst and westernLast build non-Korean names with the Hangul
// transcription a Korean paper would print.
var westernFirst = []pair{
	{"Daniel", "대니얼"}, {"Laura", "로라"}, {"Martin", "마틴"}, {"Sofia", "소피아"}, {"Thomas", "토마스"},
	{"Emma", "에마"}, {"Lucas", "루카스"}, {"Hannah", "해나"}, {"Oliver", "올리버"}, {"Clara", "클라라"},
	{"Felix", "펠릭스"}, {"Nora", "노라"}, {"Adrian", "에이드리언"}, {"Julia", "줄리아"}, {"Victor", "빅터"},
	{"Elena", "엘레나"}, {"Marcus", "마커스"}, {"Ingrid", "잉그리드"}, {"Rafael", "라파엘"}, {"Chloe", "클로이"},
	{"Henrik", "헨리크"}, {"Maya", "마야"}, {"Samuel", "새뮤얼"}, {"Alice", "앨리스"}, {"Tobias", "토비아스"},
	{"Grace", "그레이스"}, {"Pablo", "파블로"}, {"Irene", "아이린"}, {"Oscar", "오스카"}, {"Lena", "레나"},
	{"Arjun", "아르준"}, {"Priya", "프리야"}, {"Kenji", "겐지"}, {"Yuki", "유키"}, {"Mateo", "마테오"},
	{"Amara", "아마라"}, {"Stefan", "슈테판"}, {"Nadia", "나디아"}, {"Leon", "레온"}, {"Zoe", "조이"},
}

var westernLast = []pair{
	{"Hartley", "하틀리"}, {"Brenner", "브레너"}, {"Castell", "카스텔"}, {"Dunmore", "던모어"}, {"Everly", "에벌리"},
	{"Falk", "팔크"}, {"Garrow", "개로"}, {"Holm", "홀름"}, {"Ivers", "아이버스"}, {"Jansen", "얀센"},
	{"Kessler", "케슬러"}, {"Lindqvist", "린드크비스트"}, {"Marlowe", "말로"}, {"Novak", "노박"}, {"Orsini", "오르시니"},
	{"Pereira", "페레이라"}, {"Quimby", "큄비"}, {"Rossiter", "로시터"}, {"Sandoval", "산도발"}, {"Tremaine", "트레메인"},
	{"Ulrich", "울리히"}, {"Varga", "바르가"}, {"Whitlock", "휘틀록"}, {"Yates", "예이츠"}, {"Zeller", "젤러"},
	{"Abernathy", "애버내시"}, {"Bianchi", "비앙키"}, {"Calloway", "캘러웨이"}, {"Delacroix", "들라크루아"}, {"Eastwood", "이스트우드"},
	{"Fontaine", "퐁텐"}, {"Gallagher", "갤러거"}, {"Haddad", "하다드"}, {"Iyer", "아이어"}, {"Kowalski", "코발스키"},
	{"Larsen", "라르센"}, {"Mendes", "멘데스"}, {"Nakamura", "나카무라"}, {"Okafor", "오카포"}, {"Petrov", "페트로프"},
	{"Rinaldi", "리날디"}, {"Sato", "사토"}, {"Takeda", "다케다"}, {"Voss", "포스"}, {"Wexler", "웩슬러"},
}

// stems are invented brand words; syllable pairs add many more.
var stems = []pair{
	{"Bluepeak", "블루피크"}, {"Northgate", "노스게이트"}, {"Silverline", "실버라인"}, {"Greenfield", "그린필드"},
	{"Redstone", "레드스톤"}, {"Starbridge", "스타브리지"}, {"Oceanic", "오셔닉"}, {"Summitra", "서미트라"},
	{"Pinecrest", "파인크레스트"}, {"Brightwave", "브라이트웨이브"}, {"Ironwood", "아이언우드"}, {"Skyhaven", "스카이헤이븐"},
	{"Clearwater", "클리어워터"}, {"Goldleaf", "골드리프"}, {"Stonebridge", "스톤브리지"}, {"Westlake", "웨스트레이크"},
	{"Riverbend", "리버벤드"}, {"Maplewood", "메이플우드"}, {"Lumina", "루미나"}, {"Vantor", "반토르"},
	{"Quantia", "퀀티아"}, {"Nexora", "넥소라"}, {"Helion", "헬리온"}, {"Arcadia", "아르카디아"},
	{"Solvane", "솔베인"}, {"Terranova", "테라노바"}, {"Veltra", "벨트라"}, {"Corvex", "코벡스"},
	{"Orbis", "오르비스"}, {"Kestrel", "케스트럴"},
}

// orgSuffixes are the kinds of company a stem is joined with.
var orgSuffixes = []pair{
	{"Group", "그룹"}, {"Electronics", "전자"}, {"Motors", "모터스"}, {"Bio", "바이오"},
	{"Steel", "제철"}, {"Chemical", "화학"}, {"Energy", "에너지"}, {"Holdings", "홀딩스"},
	{"Securities", "증권"}, {"Logistics", "물류"}, {"Robotics", "로보틱스"}, {"Pharmaceutical", "제약"},
	{"Telecom", "텔레콤"}, {"Networks", "네트웍스"}, {"Foods", "식품"}, {"Heavy Industries", "중공업"},
	{"Construction", "건설"}, {"Systems", "시스템즈"}, {"Capital", "캐피탈"}, {"Semiconductor", "반도체"},
	{"Shipbuilding", "조선"}, {"Airlines", "항공"}, {"Insurance", "보험"}, {"Bank", "은행"},
}

// titles a person holds at an organization.
var titles = []pair{
	{"CEO", "대표"}, {"chairman", "회장"}, {"president", "사장"}, {"vice president", "부사장"},
	{"chief technology officer", "최고기술책임자"}, {"chief financial officer", "최고재무책임자"},
	{"vice chairman", "부회장"}, {"founder", "창업자"}, {"chief operating officer", "최고운영책임자"},
	{"CEO", "최고경영자"},
}

var cities = []pair{
	{"Seoul", "서울"}, {"Busan", "부산"}, {"Incheon", "인천"}, {"Daejeon", "대전"}, {"Tokyo", "도쿄"},
	{"Singapore", "싱가포르"}, {"Frankfurt", "프랑크푸르트"}, {"San Jose", "산호세"}, {"Jakarta", "자카르타"},
	{"Hanoi", "하노이"}, {"Osaka", "오사카"}, {"Munich", "뮌헨"}, {"Austin", "오스틴"}, {"Sydney", "시드니"},
}

var sectors = []pair{
	{"battery cells", "배터리 셀"}, {"AI chips", "AI 반도체"}, {"hydrogen storage", "수소 저장"},
	{"electric buses", "전기버스"}, {"cloud services", "클라우드 서비스"}, {"satellite links", "위성 통신"},
	{"cell therapy", "세포 치료제"}, {"offshore wind", "해상 풍력"}, {"smart factories", "스마트 공장"},
	{"power modules", "전력 모듈"}, {"payment apps", "결제 앱"}, {"cold-chain logistics", "콜드체인 물류"},
	{"LNG carriers", "LNG 운반선"}, {"robot arms", "로봇 팔"}, {"data centers", "데이터센터"},
	{"plant-based foods", "대체 식품"}, {"small modular reactors", "소형모듈원자로"}, {"display panels", "디스플레이 패널"},
}

var weekdays = []pair{
	{"Sunday", "일요일"}, {"Monday", "월요일"}, {"Tuesday", "화요일"}, {"Wednesday", "수요일"},
	{"Thursday", "목요일"}, {"Friday", "금요일"}, {"Saturday", "토요일"},
}

var months = []string{"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}

// outlets are invented newspapers.
var outlets = []string{"Han River Herald", "Seoul Ledger", "Korea Business Wire", "Daily Bridge",
	"Pacific Market Post", "Gangnam Tribune", "Morning Compass", "East Sea Review"}
