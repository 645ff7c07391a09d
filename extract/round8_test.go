package extract_test

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kg-news/kg/extract"
)

// facts returns the sorted roles ("person|Title|org"), meetings
// ("a+b+c", names sorted) and organizations of text.
func facts(t *testing.T, text string) (roles, meetings, orgs []string) {
	t.Helper()
	d, _ := extract.NewDocument("r", []byte(text))
	r := extract.New(defaultSet(t)).Run(d)
	for _, e := range r.Entities {
		if e.Type == "ORGANIZATION" {
			orgs = append(orgs, e.Name)
		}
	}
	for _, rel := range r.Relations {
		switch rel.Kind {
		case extract.RelRole:
			roles = append(roles, r.Entities[rel.Args[0]].Name+"|"+rel.Title+"|"+r.Entities[rel.Args[1]].Name)
		case extract.RelMeeting:
			var ns []string
			for _, a := range rel.Args {
				ns = append(ns, r.Entities[a].Name)
			}
			sort.Strings(ns)
			meetings = append(meetings, strings.Join(ns, "+"))
		}
	}
	sort.Strings(roles)
	sort.Strings(meetings)
	sort.Strings(orgs)
	return roles, meetings, orgs
}

// TestSharedTitleKO: a Korean list of "name organization" items whose
// title is written once, after the last, gives each item the title.
func TestSharedTitleKO(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // roles
	}{
		{"three items", "이날 만찬에는 김도윤 한울철강, 박서진 미래해운, 이정민 다온모터스 회장 등이 참석했다.",
			[]string{"김도윤|Chairman|한울철강", "박서진|Chairman|미래해운", "이정민|Chairman|다온모터스"}},
		{"an item that is no name stops the list", "또 철강업계, 박서진 미래해운, 이정민 다온모터스 회장이 참석했다.",
			[]string{"박서진|Chairman|미래해운", "이정민|Chairman|다온모터스"}},
		{"a title written into the word is no organization", "이병규 한국신문협회장, 정규성 한국기자협회장, 이정민 다온모터스 회장이 참석했다.",
			[]string{"이정민|Chairman|다온모터스"}},
		{"titles glued to each organization are each item's own", "샘 알트먼 오픈AI CEO가 정신아 카카오CEO, 최태원 SKCEO, 이정민 다온모터스 회장을 만났다.",
			[]string{"Chey Tae-won|CEO|SK Group", "이정민|Chairman|다온모터스", "정신아|CEO|Kakao"}},
		{"no list", "이정민 다온모터스 회장은 11일 서울에서 기자들과 만났다.", []string{"이정민|Chairman|다온모터스"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _ := facts(t, tt.text)
			var keep []string
			for _, g := range got {
				if !strings.Contains(g, "협회") {
					keep = append(keep, g)
				}
			}
			if diff := cmp.Diff(tt.want, keep); diff != "" {
				t.Errorf("roles (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGroupMeetings: captions that name people from left to right and
// signings that name their signatories are meetings of everyone named;
// a caption in a story with no meeting or partnership is not.
func TestGroupMeetings(t *testing.T) {
	tests := []meetingCase{
		{"caption in a story of an MOU", "Hanul Steel signed an MOU with Verano Logistics on Tuesday.\n\nFrom left: Hanul Steel CEO Kim Do-yoon, Verano Logistics CEO Maria Costa and Busan Mayor Park Heong-joon.",
			[]string{"Kim Do-yoon+Maria Costa+Park Heong-joon"}},
		{"caption alone", "Hanul Steel reported record sales on Tuesday.\n\nFrom left: Hanul Steel CEO Kim Do-yoon and Verano Logistics CEO Maria Costa.", nil},
		{"signed by", "The agreement was signed by Hanul Steel CEO Kim Do-yoon and Verano Logistics CEO Maria Costa in Seoul on Tuesday.",
			[]string{"Kim Do-yoon+Maria Costa"}},
		{"Korean signing", "김도윤 한울철강 대표와 마리아 코스타 베라노로지스틱스 대표는 11일 서울에서 업무협약을 체결했다.", []string{"김도윤+마리아 코스타"}},
		{"Korean signing by one person", "김도윤 한울철강 대표는 11일 베라노로지스틱스와 업무협약을 체결했다.", nil},
		{"Korean caption", "한울철강은 베라노로지스틱스와 업무협약을 맺었다고 11일 밝혔다.\n\n왼쪽부터 김도윤 한울철강 대표, 마리아 코스타 베라노로지스틱스 대표, 이정민 한울철강 전무.",
			[]string{"김도윤+마리아 코스타+이정민"}},
	}
	checkMeetings(t, tests)
}

// TestInstitutionNames: names read whole where a list could have been
// read, and names that a list must not join.
func TestInstitutionNames(t *testing.T) {
	tests := []struct {
		name, text, want string
		absent           string
	}{
		{"and inside an institution's name", "The Herald signed an MOU with the Korean Culture and Information Service on Tuesday.",
			"Korean Culture and Information Service", "Information Service"},
		{"a list of companies stays a list", "Naver and Kakao Entertainment signed an MOU on Tuesday.", "Kakao Entertainment", "Naver and Kakao Entertainment"},
		{"a person before and", "Hanul Financial Group Chairman Oh Jung-hee and Hanul Bank Vice President Seo Dong-min met in Seoul.", "Hanul Bank", "Oh Jung-hee and Hanul Bank"},
		{"a ministry's country stays", "조성환 현대모비스 사장과 바흐리 라하달리아 인도네시아 투자부 장관이 28일 서울에서 만났다.", "인도네시아 투자부", "투자부"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, orgs := facts(t, tt.text)
			has := func(n string) bool {
				for _, o := range orgs {
					if o == n {
						return true
					}
				}
				return false
			}
			if !has(tt.want) || has(tt.absent) {
				t.Errorf("organizations %q: want %q and not %q", orgs, tt.want, tt.absent)
			}
		})
	}
}

// TestInitialNames: a title before a name written with a bare initial
// (Indian and Mongolian usage) names a person; a lone "A" is an article.
func TestInitialNames(t *testing.T) {
	roles, meetings, _ := facts(t, "Hanul Group chairman R Venkataraman on Friday met Finance Minister Nirmala Sitharaman in Delhi.")
	if diff := cmp.Diff([]string{"R Venkataraman|Chairman|Hanul Group"}, roles); diff != "" {
		t.Errorf("roles (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Nirmala Sitharaman+R Venkataraman"}, meetings); diff != "" {
		t.Errorf("meetings (-want +got):\n%s", diff)
	}
}

// TestPartnershipsOfAReferredSubject: "the organisation" of a sentence
// that names no organization before its trigger is the one named last
// before it; plural deals pair it with each party; the organization of a
// person who signed for a party ("represented by …") is no party.
func TestPartnershipsOfAReferredSubject(t *testing.T) {
	text := "Hanul Foundation held its annual forum in Busan on Monday.\n\n" +
		"The organisation signed partnership agreements with Verano Logistics, represented by Maria Costa, CEO of Verano Holdings; Daon Motors, represented by Lee Jung-min, CEO of Daon Motors; and Mirae Shipping."
	got := pairs(t, text, extract.RelPartnership)
	want := []string{"Daon Motors|Hanul Foundation", "Hanul Foundation|Mirae Shipping", "Hanul Foundation|Verano Logistics"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("partnerships (-want +got):\n%s", diff)
	}
}

// TestOfficialVisits: "received" names a meeting when the person received
// follows it; accented names and Arabic family names are read whole.
func TestOfficialVisits(t *testing.T) {
	tests := []meetingCase{
		{"received", "Busan Mayor Park Heong-joon received Verano Logistics CEO Hervé Guillou at City Hall on Tuesday. The meeting was attended by Hanul Steel Chairman Khaldoon Khalifa Al Mubarak.",
			[]string{"Hervé Guillou+Khaldoon Khalifa Al Mubarak+Park Heong-joon"}},
		{"received something", "Busan Mayor Park Heong-joon received an award from Verano Logistics CEO Hervé Guillou on Tuesday.", nil},
		{"in the presence of", "Hanul Steel CEO Kim Do-yoon and Verano Logistics CEO José Muñoz signed the agreement on Tuesday. The agreement was signed in the presence of Trade Minister Ahn Duk-geun.",
			[]string{"Ahn Duk-geun+José Muñoz+Kim Do-yoon"}},
	}
	checkMeetings(t, tests)
}

// meetingCase is a text and the meetings it must give.
type meetingCase struct {
	name, text string
	want       []string
}

func checkMeetings(t *testing.T, tests []meetingCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got, _ := facts(t, tt.text)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("meetings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAttendeeLists: the untitled people an attendance sentence lists
// ("… included Tesco's Ken Murphy, Simon Roberts of Sainsbury's and …")
// are persons and met; a name after an honorific is a person's.
func TestAttendeeLists(t *testing.T) {
	checkMeetings(t, []meetingCase{
		{"possessive and of", "Chief executives at the dinner at City Hall included Hanul Steel's Ken Murphy, Verano's Paul Thwaite, Simon Roberts of Daon Motors and Zoë Yujnovich of Mirae Grid.",
			[]string{"Ken Murphy+Paul Thwaite+Simon Roberts+Zoë Yujnovich"}},
		{"semicolons", "Participants in the 90-minute meeting included Hiro Tanaka, chairman of Hanul Steel; Nobu Koga, chairman of Mirae Securities; and Miki Sasaki, adviser at Daon Corp.",
			[]string{"Hiro Tanaka+Miki Sasaki+Nobu Koga"}},
		{"were: and titled items", "The attendees of the signing ceremony were: Hanul Steel Chairman Kim Do-yoon; Daon Motors CEO Lee Jung-min; and Mirae Vice Chairman Park Seo-jin.",
			[]string{"Kim Do-yoon+Lee Jung-min+Park Seo-jin"}},
		{"no attendance", "Investors in the fund include Hanul Steel's Ken Murphy and Simon Roberts of Daon Motors.", nil},
	})
	d, _ := extract.NewDocument("h", []byte("Sir Keir Starmer hosted business leaders at Number 10 on Wednesday."))
	r := extract.New(defaultSet(t)).Run(d)
	var names []string
	for _, e := range r.Entities {
		names = append(names, e.Name)
	}
	if !slices.Contains(names, "Keir Starmer") {
		t.Errorf("entities %q: want Keir Starmer (a name after Sir)", names)
	}
}

// TestDelegations: a delegation's members, listed after "was led by", and
// the people "in attendance" after them are one meeting; an aside never
// opens with "and", and a date is no organization.
func TestDelegations(t *testing.T) {
	text := "date 2021-12-04 President Park Heong-joon heard pitches from investors on Tuesday.\n" +
		"The visiting delegation was led by CEO of Hanul Steel, Kim Do-yoon; CEO of Verano Logistics, Maria Costa, and local partner CEO of Mirae Shipping, Lee Jung-min.\n" +
		"Trade Minister Ahn Duk-geun was also in attendance at the meeting."
	roles, meetings, orgs := facts(t, text)
	if diff := cmp.Diff([]string{"Ahn Duk-geun+Kim Do-yoon+Lee Jung-min+Maria Costa"}, meetings); diff != "" {
		t.Errorf("meetings (-want +got):\n%s", diff)
	}
	for _, r := range roles {
		if strings.HasPrefix(r, "Maria Costa|") && !strings.HasSuffix(r, "|Verano Logistics") {
			t.Errorf("role %q: the title after \", and\" is the next person's", r)
		}
	}
	if slices.Contains(orgs, "2021-12-04") {
		t.Errorf("organizations %q: a date is none", orgs)
	}
}

// TestGatheringHost: the one person a sentence says held a gathering is
// among the attendees the next sentences list.
func TestGatheringHost(t *testing.T) {
	checkMeetings(t, []meetingCase{
		{"host and attendees", "안덕근 산업통상자원부 장관이 4일 대한상공회의소에서 30대 그룹 사장단과 간담회를 개최했다.\n안 장관은 이날 투자 확대를 당부했다.\n이날 간담회에는 김도윤 한울철강 사장과 이정민 다온모터스 부회장 등이 참석했다.",
			[]string{"김도윤+안덕근+이정민"}},
		{"too far back", "안덕근 산업통상자원부 장관이 4일 대한상공회의소에서 30대 그룹 사장단과 간담회를 개최했다.\n가.\n나.\n다.\n라.\n마.\n바.\n사.\n이날 간담회에는 김도윤 한울철강 사장과 이정민 다온모터스 부회장 등이 참석했다.",
			[]string{"김도윤+이정민"}},
	})
}

// TestPartnershipSources: the organization whose officials told of a deal
// is no party to it, and "partner" as a noun before a title names no
// partnership.
func TestPartnershipSources(t *testing.T) {
	got := pairs(t, "On the same day, Hanul Steel signed partnership deals with Verano Logistics and Mirae Shipping, respectively, the Daon Motors officials said.", extract.RelPartnership)
	want := []string{"Hanul Steel|Mirae Shipping", "Hanul Steel|Verano Logistics"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("partnerships (-want +got):\n%s", diff)
	}
	if got := pairs(t, "The delegation was led by CEO of Verano Logistics, Maria Costa, and local partner CEO of Mirae Shipping, Lee Jung-min.", extract.RelPartnership); len(got) != 0 {
		t.Errorf("partnerships %q, want none", got)
	}
}

// TestForeignNamesKO: a foreign name in Hangul whose family name is one
// Korean syllable (젠슨 황), and a known person's name before a word the
// rules do not know as an organization, give roles; 전 (former) after a
// Korean name is no family name.
func TestForeignNamesKO(t *testing.T) {
	roles, _, _ := facts(t, "젠슨 황 엔비디아 최고경영자(CEO)와 마크 저커버그 메타 최고경영자가 만났다.\n김재철 전 한울방송 사장은 말했다.")
	want := []string{"Jensen Huang|CEO|Nvidia", "Mark Zuckerberg|CEO|메타"}
	var got []string
	for _, r := range roles {
		if !strings.HasPrefix(r, "김재철") {
			got = append(got, r)
		}
		if strings.Contains(r, "김재철 전") {
			t.Errorf("role %q: 전 is no part of the name", r)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("roles (-want +got):\n%s", diff)
	}
}

// TestSemicolonDealsAndHonorifics: deals listed "between A and B; C and
// D" pair within each item; Malaysian and Gulf honorifics are no part of
// a name, which may run on after them; one person who witnessed a signing
// and the people the next sentences place at it met.
func TestSemicolonDealsAndHonorifics(t *testing.T) {
	text := "Prime Minister Datuk Seri Park Heong-joon has witnessed the signing of three MoUs in Busan.\n" +
		"The MoUs were inked between Hanul Steel and Verano Logistics; Mirae Shipping and Daon Motors; and Seorin Bio and Kolam Pharma.\n" +
		"The ceremony was also witnessed by the Busan Chamber chairman Sheikh Omar Al Farsi.\n" +
		"Also present were Foreign Minister Datuk Seri Dr Kim Do-yoon."
	got := pairs(t, text, extract.RelPartnership)
	want := []string{"Daon Motors|Mirae Shipping", "Hanul Steel|Verano Logistics", "Kolam Pharma|Seorin Bio"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("partnerships (-want +got):\n%s", diff)
	}
	_, meetings, _ := facts(t, text)
	if diff := cmp.Diff([]string{"Kim Do-yoon+Omar Al Farsi+Park Heong-joon"}, meetings); diff != "" {
		t.Errorf("meetings (-want +got):\n%s", diff)
	}
}

// TestOrgListsKO: a comma list of parties to a Korean deal names
// organizations throughout when the rules know one; an organization right
// before a title keeps a last syllable that could be a particle; a
// descriptor before a bare common noun names nothing.
func TestOrgListsKO(t *testing.T) {
	text := "주식회사 페르소나, 대구디지털랩, 합천군, 합천상공인연합회가 4자 업무협약을 체결했다.\n배준철 페르소나 대표는 말했다.\n이번 협약은 지역 스타트업 생태계 발전에 기여할 것이다."
	got := pairs(t, text, extract.RelPartnership)
	want := []string{"대구디지털랩|페르소나", "대구디지털랩|합천군", "대구디지털랩|합천상공인연합회", "페르소나|합천군", "페르소나|합천상공인연합회", "합천군|합천상공인연합회"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("partnerships (-want +got):\n%s", diff)
	}
	roles, _, orgs := facts(t, text)
	if !slices.Contains(roles, "배준철|CEO|페르소나") {
		t.Errorf("roles %q: want 배준철 CEO of 페르소나", roles)
	}
	if slices.Contains(orgs, "생태계") {
		t.Errorf("organizations %q: 생태계 is a common noun", orgs)
	}
}

// TestDescriptorNames: a Korean company named after its descriptor in
// one word or two, with a particle after it.
func TestDescriptorNames(t *testing.T) {
	_, _, orgs := facts(t, "도담건설이 폴란드 부동산 개발사 비스툴라 디벨롭먼트와 손잡고 물류단지를 짓는다. 통신사 한누리텔레콤이 주도하는 컨소시엄도 있다.")
	for _, want := range []string{"비스툴라 디벨롭먼트", "한누리텔레콤"} {
		if !slices.Contains(orgs, want) {
			t.Errorf("organizations %q: want %q", orgs, want)
		}
	}
}

// TestHostsAndNamedVisitors: a meeting reported with one named side
// gains the people listed "in attendance" next; initials of two letters
// and a noun for a person before a name.
func TestHostsAndNamedVisitors(t *testing.T) {
	checkMeetings(t, []meetingCase{
		{"in attendance, including", "Korea's business chiefs met with Crown Prince Omar Al Farsi in Seoul on Thursday. The meeting ran for 90 minutes with eight leaders in attendance, including Hanul Steel chairman Kim Do-yoon and Daon Motors chairman Lee Jung-min.",
			[]string{"Kim Do-yoon+Lee Jung-min+Omar Al Farsi"}},
		{"initials and a businessman", "Union Steel Minister HD Kumaraswamy met with prominent businessman Mohandas Pai on Sunday.",
			[]string{"HD Kumaraswamy+Mohandas Pai"}},
	})
}

// TestListsBelowAndSources: a list set out line by line below "Among
// those present were:" joins the meeting before it; the source of a
// report ("X said …") is not in the meeting it tells of, unless a
// pronoun takes X up again.
func TestListsBelowAndSources(t *testing.T) {
	checkMeetings(t, []meetingCase{
		{"numbered lines", "Hanul Steel CEO Kim Do-yoon hosted a dinner for Busan Mayor Park Heong-joon on Monday.\n\nAmong those present during the dinner were:\n\n  1. Lee Jung-min, CEO, Daon Motors\n  2. Maria Costa, Chairman, Verano Logistics\n\nThe dinner ran late.",
			[]string{"Kim Do-yoon+Lee Jung-min+Maria Costa+Park Heong-joon"}},
		{"a source", "In a statement, spokesperson Choi Ji-hoon said this took place during talks between Hanul Steel CEO Kim Do-yoon and Verano Logistics CEO Maria Costa.",
			[]string{"Kim Do-yoon+Maria Costa"}},
		{"an aside and another event", "Prime Minister Park Heong-joon held a roundtable with business leaders on Tuesday. Participants in the luncheon included Lee Jung-min, who served as adviser to former President Kim Young-sam, and Hanul Steel CEO Kim Do-yoon. Park met the group ahead of a summit with President Omar Al Farsi.",
			[]string{"Kim Do-yoon+Lee Jung-min+Park Heong-joon"}},
		{"a courtesy call and an honorific across the span", "Premier Datuk Patinggi Tan Sri Abang Johari received a courtesy call from Hanul Steel chief executive officer Datuk Kim Do-yoon at his office today.",
			[]string{"Abang Johari+Kim Do-yoon"}},
		{"received in audience; a source after; hyphens", "President Bola Tinubu has received in audience business tycoon Aliko Dangote at the State House. Prime Minister Prayut Chan-o-cha met with chairman Masakazu Tokura on Friday, said government spokesman Thanakorn Wangboonkongchana.",
			[]string{"Aliko Dangote+Bola Tinubu", "Masakazu Tokura+Prayut Chan-o-cha"}},
		{"a source who met", "Hanul Steel CEO Kim Do-yoon said he met Verano Logistics CEO Maria Costa on Monday.",
			[]string{"Kim Do-yoon+Maria Costa"}},
	})
}

// TestJointPledgesKO: the organizations of the people who signed a
// pledge or joint declaration together are partners.
func TestJointPledgesKO(t *testing.T) {
	got := pairs(t, "이정민 한울철강 대표, 김도윤 다온모터스 대표, 박서진 미래해운 대표가 서약서에 서명 후 기념촬영을 하고 있다.", extract.RelPartnership)
	want := []string{"다온모터스|미래해운", "다온모터스|한울철강", "미래해운|한울철강"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("partnerships (-want +got):\n%s", diff)
	}
}

// TestTriggerInsideAName: a partnership word inside a company's name
// (비스타에쿼티파트너스) is no trigger; a semicolon list's item whose other
// party is unknown pairs nothing, and the others still pair.
func TestTriggerInsideAName(t *testing.T) {
	if got := pairs(t, "외국기업 인사로는 한울철강·다온모터스·비스타에쿼티파트너스 등 15개 업체 CEO가 참석했다.", extract.RelPartnership); len(got) != 0 {
		t.Errorf("partnerships %q, want none", got)
	}
	got := pairs(t, "The MoUs were inked between Hanul Steel and Verano Logistics; the Busan chamber and Mirae Shipping; and Seorin Bio and Kolam Pharma.", extract.RelPartnership)
	want := []string{"Hanul Steel|Verano Logistics", "Kolam Pharma|Seorin Bio"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("partnerships (-want +got):\n%s", diff)
	}
}
