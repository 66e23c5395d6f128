package ingest

import (
	"strings"
	"testing"
)

// Constructions of each language that news items use and the rules read generally: written for
// the test (none is a corpus sentence), each with the relationships it states.
func TestRelationshipsOfCommonConstructions(t *testing.T) {
	l := NewLinker(places)
	cases := []struct {
		family, text string
		want         []rel
	}{
		{"the funded subject named far before the funding", "Центърът за води в Ловеч е създаден през 2020 г. от Община Ловеч, Аграрния университет и две фирми с финансиране по програма Interreg Europe.",
			[]rel{{"Център за води", "FUNDED_BY", "Interreg Europe"}}},
		{"within the framework of", "The study visit was organised within the framework of the GREEN-WAYS project.",
			[]rel{{"study visit", "FUNDED_BY", "GREEN-WAYS"}}},
		{"mayors stand for their municipalities", "Кметовете на Ловеч и Плевен участваха в семинара за кръгова икономика.",
			[]rel{{"Ловеч", "PARTICIPATED_IN", "семинар"}, {"Плевен", "PARTICIPATED_IN", "семинар"}}},
		{"mayors stand for their municipalities, English", "The mayors of Lovech and Pleven attended the seminar on circular economy.",
			[]rel{{"Lovech", "PARTICIPATED_IN", "seminar"}, {"Pleven", "PARTICIPATED_IN", "seminar"}}},
		{"delegations from cities, a practice named before", "Lovech Municipality launched the Green Roofs practice in 2022. In May it shared the practice with delegations from Pleven and Sliven at a workshop in Lovech.",
			[]rel{{"Pleven", "PARTICIPATED_IN", "workshop"}, {"Sliven", "PARTICIPATED_IN", "workshop"}, {"Green Roofs", "PRESENTED_AT", "workshop"}}},
		{"a headline's last word is no title of the next sentence", "Семинар събра кметове\n\nПлевен бе домакин на семинара.",
			[]rel{{"Семинар", "HELD_IN", "Плевен"}}},
		{"a list that goes on with 'and of'", "Във форума участваха представители на Министерството на културата и на Асоциацията на дунавските общини.",
			[]rel{{"Министерство на културата", "PARTICIPATED_IN", "форум"}, {"Асоциация на дунавските общини", "PARTICIPATED_IN", "форум"}}},
		{"co-founders after 'together with', classifying words before items", "The Pleven Water Lab was set up together with the University of Ruse, the construction company Rakenne Oy and the regional development agency Business Pleven.",
			[]rel{{"University of Ruse", "FOUNDED", "Pleven Water Lab"}, {"Rakenne Oy", "FOUNDED", "Pleven Water Lab"}, {"Business Pleven", "FOUNDED", "Pleven Water Lab"}}},
		{"a ministry 'of the' a name", "Representatives of the Ministry of the Interior attended the seminar in Pleven.",
			[]rel{{"Ministry of the Interior", "PARTICIPATED_IN", "seminar"}}},
		{"a visit took place where the centre it visited is", "Делегация от Община Ловеч посети Центъра за води в Плевен. По време на посещението гостите разгледаха лабораториите.",
			[]rel{{"Община Ловеч", "PARTICIPATED_IN", "посещение"}, {"посещение", "VISITED", "Център за води"}, {"посещение", "HELD_IN", "Плевен"}}},
		{"a nationality before a list's item", "Representatives of Lovech Municipality and the Greek city of Drama attended the seminar.",
			[]rel{{"Lovech Municipality", "PARTICIPATED_IN", "seminar"}, {"Drama", "PARTICIPATED_IN", "seminar"}}},
		{"presenters after 'by' in the passive", "Στην ημερίδα στη Δράμα παρουσιάστηκαν καλές πρακτικές από τον Δήμο Κοζάνης και τον Δήμο Δράμας.",
			[]rel{{"Δήμος Κοζάνης", "PARTICIPATED_IN", "ημερίδα"}, {"Δήμος Δράμας", "PARTICIPATED_IN", "ημερίδα"}}},
		{"a minister stands for a ministry", "Στα εγκαίνια του κέντρου στη Δράμα παρευρέθηκε ο Υφυπουργός Ψηφιακής Διακυβέρνησης.",
			[]rel{{"Ψηφιακής Διακυβέρνησης", "PARTICIPATED_IN", "εγκαίνια"}}},
		{"an event held where the centre that hosted it is, a team from an organisation", "The Pleven Data Hub opened in 2020 in Pleven. In May the hub hosted the Open Data Hackathon. The winning team, from the University of Ruse, built a parking app.",
			[]rel{{"Hackathon", "HELD_IN", "Pleven"}, {"University of Ruse", "PARTICIPATED_IN", "Hackathon"}}},
		{"the subject of a coordinated verb receives", "The Pleven Water Lab signed a memorandum with Lovech Municipality and received a grant from the Horizon Europe programme.",
			[]rel{{"Pleven Water Lab", "FUNDED_BY", "Horizon Europe"}}},
		{"a start-up named in the genitive, its team took part", "Στο hackathon στη Δράμα την πρώτη θέση κέρδισε η ομάδα της νεοφυούς επιχείρησης CityPulse.",
			[]rel{{"CityPulse", "PARTICIPATED_IN", "hackathon"}}},
		{"a centre named by common words as a founding verb's object", "Община Ловеч и Аграрният университет откриха бизнес инкубатор в Ловеч. Инкубаторът е изграден по проект „Старт в Ловеч“.",
			[]rel{{"Община Ловеч", "FOUNDED", "бизнес инкубатор"}, {"Аграрният университет", "FOUNDED", "бизнес инкубатор"}, {"бизнес инкубатор", "FUNDED_BY", "Старт в Ловеч"}}},
		{"a regional governor stands for the region", "На откриването в Плевен присъстваха областният управител на област Плевен Иван Петров и експерти.",
			[]rel{{"Областна администрация Плевен", "PARTICIPATED_IN", "откриване"}}},
		{"an event's quoted theme", "Στη Δράμα πραγματοποιήθηκε ημερίδα με θέμα «Ψηφιακά εργαλεία για πόλεις».",
			[]rel{{"ημερίδα", "DISCUSSED", "Ψηφιακά εργαλεία για πόλεις"}}},
		{"the owner of a practice presented in the passive", "Στην ημερίδα στη Δράμα παρουσιάστηκε η πλατφόρμα «Έξυπνη Στάθμευση» του Δήμου Κοζάνης.",
			[]rel{{"Δήμος Κοζάνης", "PRESENTED", "Έξυπνη Στάθμευση"}, {"Έξυπνη Στάθμευση", "PRESENTED_AT", "ημερίδα"}}},
		{"a place joined to 'based'", "The jury awarded the prize to the Pleven-based start-up Arbor Analytics. Lovech-based company Rakenne Oy came second.",
			[]rel{{"Arbor Analytics", "LOCATED_IN", "Pleven"}, {"Rakenne Oy", "LOCATED_IN", "Lovech"}}},
		{"a text in the first person plural of the centre its headline names", "Pleven Data Hub: our year in review\n\nFrom our home in Pleven we supported 30 start-ups. In June a study visit brought representatives of Lovech Municipality to Pleven, and the guests were introduced to our work.",
			[]rel{{"Lovech Municipality", "INTRODUCED_TO", "Pleven Data Hub"}}},
		{"a text in the first person plural, Bulgarian", "Център за иновации Ловеч: нашата година\n\nПрез 2024 г. ние посрещнахме 900 гости. През юни представители на Община Плевен се запознаха с нашата работа.",
			[]rel{{"Община Плевен", "INTRODUCED_TO", "Център за иновации"}}},
		{"the beneficiary of a project the cue names by its head word", "Община Ловеч ремонтира Центъра за иновации. Ремонтът се извършва по проекта „Нова енергия“, финансиран по Програма „Развитие на регионите“. Бенефициент по проекта е Община Ловеч.",
			[]rel{{"Център за иновации", "FUNDED_BY", "Нова енергия"}, {"Нова енергия", "BENEFITS", "Община Ловеч"}}},
		{"building works as the subject of funding", "Lovech Municipality has completed the renovation of the Lovech Innovation Centre. The renovation was co-funded by the Interreg Europe programme.",
			[]rel{{"Lovech Innovation Centre", "FUNDED_BY", "Interreg Europe"}}},
		{"building works as the subject of funding, Bulgarian", "Община Плевен завърши ремонта на Центъра за иновации в Плевен. Ремонтът е финансиран по програма „Развитие на регионите“.",
			[]rel{{"Център за иновации", "FUNDED_BY", "Развитие на регионите"}}},
		{"building works as the subject of funding, Greek", "Ο Δήμος Δράμας ολοκλήρωσε την ανακαίνιση του Κέντρου Καινοτομίας Δράμας. Η ανακαίνιση χρηματοδοτήθηκε από το πρόγραμμα Interreg Europe.",
			[]rel{{"Κέντρο Καινοτομίας Δράμας", "FUNDED_BY", "Interreg Europe"}}},
	}
	for _, c := range cases {
		t.Run(c.family, func(t *testing.T) {
			got := relsByName(Propose(c.text, l))
			for _, w := range c.want {
				if !hasRel(got, w) {
					t.Errorf("%q: no %v among %v", c.text, w, got)
				}
			}
		})
	}
}

// A quoted "we" is the speaker's, not the organisation the headline names.
func TestAQuotedWeIsTheSpeakers(t *testing.T) {
	text := "Pleven Data Hub opens its doors\n\n\"We welcomed the guests,\" said the mayor of Pleven. \"Representatives of Lovech Municipality were introduced to our work.\""
	for _, r := range relsByName(Propose(text, NewLinker(places))) {
		if r.typ == "INTRODUCED_TO" {
			t.Errorf("%q: %v read from a quotation's first person", text, r)
		}
	}
}

// "The project" does not speak of the programme that funds it.
func TestAProjectIsNotTheProgrammeThatFundsIt(t *testing.T) {
	text := "The school's renovation was co-financed by the Regional Cohesion Programme 2021-2027. The project is part of the Smart Pleven programme."
	for _, r := range relsByName(Propose(text, NewLinker(places))) {
		if strings.Contains(r.from, "Cohesion") {
			t.Errorf("%q: %v: the project read as the programme that funds it", text, r)
		}
	}
}

// The words around a name stay out of it, and a shorter form of a name is the same entity.
func TestNamesOfCommonConstructions(t *testing.T) {
	l := NewLinker(places)
	cases := []struct {
		family, text string
		names        []string // names proposed at 0.5 or above
		not          []string // no name proposed holds these words
	}{
		{"a verb before a noun with the article", "Кметът на Плевен покани екипа на центъра в Ловеч.", nil, []string{"покани"}},
		{"an auxiliary before the topics", "На семинара в Ловеч обсъдени бяха възможностите за сътрудничество.", []string{"възможностите за сътрудничество"}, []string{"бяха"}},
		{"two coordinated complements", "Гостите разгледаха лабораторията за роботика и на бизнес инкубатора в Ловеч.", []string{"лаборатория за роботика"}, []string{"инкубатора"}},
		{"a headline's short name", "Επίσκεψη στο Κέντρο Καινοτομίας Δράμας\n\nΑντιπροσωπεία του Δήμου Κοζάνης επισκέφθηκε το Κέντρο Καινοτομίας και Επιχειρηματικότητας Δράμας.",
			[]string{"Κέντρο Καινοτομίας και Επιχειρηματικότητας Δράμας"}, nil},
		{"a company by its suffix", "The lab was opened by Aguas Livres SA in Pleven.", []string{"Aguas Livres SA"}, nil},
		{"a minister's name is no ministry", "Minister Ivan Petrov attended the seminar in Pleven.", nil, []string{"Ivan"}},
		{"a quoted company before its legal form", "Първите наематели на инкубатора в Ловеч са компаниите „Дигитал Ловеч“ ООД и „Агро Смарт“ ЕООД.", []string{"„Агро Смарт“ ЕООД"}, nil},
		{"a place joined to 'based' is no name", "The Pleven-based start-up Arbor Analytics won the Brno-based team's prize.", []string{"Arbor Analytics"}, []string{"based", "Brno"}},
		{"a company's legal form written with dots", "Η εταιρεία Δυτική Ενέργεια Α.Ε. και ο Δήμος Κοζάνης υπέγραψαν μνημόνιο.", []string{"Δυτική Ενέργεια Α.Ε."}, nil},
	}
	for _, c := range cases {
		t.Run(c.family, func(t *testing.T) {
			p := Propose(c.text, l)
			var names []string
			for _, e := range p.Entities {
				if e.Confidence >= 0.5 {
					names = append(names, e.Name)
				}
			}
			for _, n := range c.names {
				if !containsFold(names, n) {
					t.Errorf("%q: no %q among %q", c.text, n, names)
				}
			}
			for _, n := range names {
				for _, w := range c.not {
					if strings.Contains(n, w) {
						t.Errorf("%q: %q holds %q", c.text, n, w)
					}
				}
				if c.family == "a headline's short name" && n == "Κέντρο Καινοτομίας Δράμας" {
					t.Errorf("%q: the headline's short name is an entity of its own", c.text)
				}
			}
		})
	}
}

func containsFold(names []string, want string) bool {
	for _, n := range names {
		if strings.EqualFold(n, want) {
			return true
		}
	}
	return false
}
