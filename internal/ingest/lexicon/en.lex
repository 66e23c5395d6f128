# English: the words ingestion's rules read (internal/ingest/lexicon.go says the format). Its
# heads also read the Latin names of Bulgarian and Greek texts, so the common head words of other
# European languages' names (Università, Ajuntament, Gemeente...) are here too.

@head ORGANISATION MUNICIPALITY
municipality | municipalities
city_council | city_councils
borough_council
city_of
town_council
city_hall
city_government
municipal_government
council
ajuntament
ayuntamiento
comune
gemeente
kommune
municipio
municipiul
primaria
stadt
ville
savivaldybe
mairie

@head ORGANISATION MINISTRY
ministry | ministries
! department_for
! department_of

@head ORGANISATION ACADEMIA
university | universities
institute | institutes
academy
college
polytechnic
universita
universitat
universidad
universite
universiteit
universitatea
uniwersytet
politecnico

@head ORGANISATION COMPANY
company | companies
ltd
gmbh
sa
ag
nv
plc
inc
llc
bv
spa
srl
corporation
labs

@head ORGANISATION START_UP
start-up | start-ups
startup | startups

@head ORGANISATION OTHER
commission | commissions
agency | agencies
association | associations
chamber | chambers
cluster | clusters
! region | regions
regional_council
! authority | authorities
union
federation
foundation
organisation | organisations
organization | organizations
alliance
consortium
! office
! board
society
agenzia
agencia
agence
autoridad

@head ORGANISATION NETWORK
network | networks

@head CENTRE
! structure
centre | centres
center | centers = centre
lab | labs
laboratory = lab
hub | hubs
incubator | incubators
! park
! zone
accelerator
living_lab = lab

@head UNIT
department | departments
unit | units
team | teams
studio
laboratory | laboratories
division | divisions
desk | desks

@head EVENT
! week
event | events
meeting | meetings
visit | visits
study_visit | study_visits
study_tour | study_tours
tour | tours
conference | conferences
press_conference | press_conferences
forum | forums
seminar | seminars
workshop | workshops
ceremony | ceremonies
teleconference
hackathon | hackathons
roundtable
round_table
summit | summits
webinar | webinars
exhibition | exhibitions
mission | missions
information_day | information_days
inauguration
festival | festivals
competition | competitions
bootcamp
meetup
fair
expo
open_day
info_day
kick-off
kickoff
study_trip
trip

@head PROGRAMME
programme | programmes
program | programs
project | projects
fund | funds
initiative
challenge
plan
facility
scheme
instrument
! call
action
mechanism

@head PRACTICE
practice | practices
platform
pilot
model
solution
app
service
tool
toolkit
guide
system

@list joiner
of for and the de di del della des du la le van der von zu

@list stop
in at on by with from to into over under about after before during within between through
is are was were be been being has have had will would can could may might must shall should
which that who whom whose where when while as than
a an the this that these those its their his her our my your
and or but not also both either
already

@list determiner
the this that these those its their his her our

@list indefinite
a an one

@list title
mayor deputy_mayor deputy minister deputy_minister secretary president chairman chairwoman chair
director director-general rector dean governor head chief
prof professor dr mr mrs ms
vice-rector vice-president vice-chair coordinator manager councillor councilor commissioner ambassador spokesperson

@list said
said says told added explained noted stressed announced

@list plural
municipalities

@list and
and , as_well_as together_with &

# Words that qualify an event's or a unit's head and that no ending tells: "press conference",
# "partner meeting", "return visit".
@list modifier
good best
first second third fourth fifth next last final annual new joint return
press partner working study information kick-off launch closing opening follow-up project network
exchange peer training networking site field steering board expert experts technical

@list ordinal

@list yearword

@list adjective-ending
al ial ic ical ive ary ous ful ent ant ing ional

@list genitive-ending

@list verb-ending

# Auxiliary verbs, passed over before what a verb names: "Discussed were …".
@list auxiliary
were was are is

@list verb
is are was were has have had

# Adjectives of nationality: "the Bulgarian municipality" names none.
@list demonym
bulgarian greek european finnish lithuanian italian spanish portuguese romanian estonian dutch german french
english british turkish cypriot serbian macedonian albanian croatian slovenian polish czech slovak hungarian
austrian swiss belgian danish swedish norwegian irish latvian maltese ukrainian moldovan georgian armenian

@list month
january february march april may june july august september october november december

@list purpose
for

@list weekday
monday tuesday wednesday thursday friday saturday sunday

# Small words inside a title-like name ("Robotics after School"), never across a place.
@list title-joiner
after before with without at to by under over into from in on

# — Relationships' cues and the lists their frames read (internal/ingest/frames*.go) —

@list envoy
delegation delegations representatives representative delegates experts officials mayor deputy_mayor minister deputy_minister
mayors deputy_mayors ministers
team teams students researchers
members
guests visitors
rector president chairman chair director head

@list of
of from

@list relative
which that who whom whose where

@list by
by

@list from
from

@list in
in at

@list city-word
city town

@list hosts
hosts

@list concept-lead
the a an its their his her our of on in to for about

@list concept-end
which that who where while before after under within during as because but so when whereas through at

@list practice-word
solution practice pilot programme scheme initiative project service system

@cue hosted
hosted host hosts
@cue organised
organised organized co-organised co-organized
@cue participated
was_represented_at were_represented_at was_represented were_represented
took_part participated attended attend attending took_part_in were_present_at was_present_at
sent_experts_to sent_representatives_to sent_a_delegation_to sent_delegates_to
with_the_participation_of
@cue gathered
gathered brought_together
@cue held
met met_in
took_place was_held will_be_held were_held is_held be_held will_take_place
@cue discussed
explain will_explain explained_the
discussed discuss focused_on focuses_on topics_included debated
@cue visited
visited toured a_visit_to visit_to visiting
@cue introduced
introduced introduced_to were_introduced_to learned_about learnt_about
@cue presented
present will_present
presented presents showcased shared explained_how demonstrated pitched
@cue founded-by
founded established set_up created launched opened inaugurated
developed built
@cue founded-active
founded established set_up created launched opened inaugurated
founds establish establishes have_opened has_opened have_launched has_launched have_set_up has_set_up have_established has_established will_open will_set_up will_establish will_create opens launches inaugurate
@cue located
located_in based_in located_at housed_in situated_in
@cue partners
in_partnership_with in_cooperation_with together_with a_partner_of partner_of partners_of are_partners
@cue funded-by
with_funding_from funding_from funded_from
funded_by financed_by co-financed_by co-funded_by cofinanced_by
funded_through funded_under financed_under financed_through co-funded_through co-financed_under with_a_grant_from with_grants_from with_financing_from financing_from
@cue framed
is_part_of part_of forms_part_of
within under in_the_framework_of within_the_framework_of in_the_frame_of within_the_frame_of as_part_of
@cue benefits
benefited grants_go_to funds_go_to allocated_to awarded_to
@cue supports
support supports supported
will_support to_support pledged_to_support backs
@cue expertise
will_focus_on focuses_on focus_on
expertise_in_the_fields_of expertise_in_the_field_of expertise_in_the_areas_of expertise_in_the_area_of
work_on works_on working_on specialises_in specializes_in specialised_in specialized_in expertise_in work_in works_in
specialise_in specialize_in concentrates_on concentrate_on focusing_on with_a_focus_on dedicated_to
working_mainly_in works_mainly_in work_mainly_in working_primarily_in mainly_working_in
@cue domain-of
in_the_field_of in_the_fields_of in_the_area_of in_the_areas_of in_the_sector_of in_the_domain_of
@cue units
has_a has_an includes houses comprises
has have will_have include consists_of is_made_up_of hosts will_house
@cue contributes
contributes_to contribute_to contributing_to contributed_to

@list collective
academic_community start-ups start-up_companies startups

@list own
their

@list their-partners
its_partners their_partners

@cue teams
runs_teams maintains_teams has_teams

@list named-programme
european_funds eu_funds

@list co-agent
together_with in_cooperation_with in_partnership_with with

@list amount
million billion thousand eur euro euros bgn

@cue supported-by
with_the_support_of with_support_from supported_by
backed_by with_the_backing_of with_help_from with_the_help_of with_support_of

@list number
two both
three
four
five
six
seven
eight
nine
ten

@list all
all

@list group-partners
partners organisations organizations bodies

@list group-municipalities
municipalities

@cue holds
will_hold holds held hold organises organizes

@cue receives
received receives will_receive

@list pronoun
it they

@list part
action call procedure measure scheme initiative

@list framed-word
under

# Nouns that close a domain's description: "in the education sector".
@list sector-word
sector field area domain

# Prepositions after an event that give what it was about: "a study tour on autonomous transport".
@list about
on about on_the_theme_of on_the_topic_of

@list on
on

@list there
there

@list same
same

@cue offices
offices_of the_offices_of headquarters_of

@list to
to

# A person's title that says the organisation the person speaks for, by its category: "Deputy
# Mayor Pavel Marinov presented…" (the municipality), "the minister said" (the ministry).
@list title-municipality
mayor deputy_mayor mayors deputy_mayors

@list title-ministry
minister deputy_minister ministers

@list title-academia
rector vice-rector

# Words that lead from people to whom they speak for: "представители от Община X".
@list envoy-of
from

@cue beneficiaries
beneficiaries the_beneficiaries

# Nouns of a place inside a town: "в сградата на", "in the former …" end a name before them.
@list place-noun
building buildings premises former campus site district neighbourhood neighborhood town city old complex

@cue opened-doors
opened_its_doors opens_its_doors opened_doors opens_doors has_opened_its_doors

@cue signed
signed sign signs have_signed has_signed will_sign concluded co-signed
was_signed were_signed is_signed been_signed

@list agreement
agreement agreements memorandum memorandums memoranda mou contract protocol

@list with
with

@list between
between

# Nouns of a lab and of a workshop alike: an event where a verb of events governs them.
@list event-or-unit
workshop lab

# Auxiliaries of the passive: "was hosted at", "were organised by".
@list auxiliary
was were is are been be being

# Head words of a centre's units, whatever kind the name has on its own ("Академия за …", "Εργαστήριο …").
@list unit-like
lab laboratory academy office team department unit desk studio division workshop

# Ordinal words: "the third unit", "δεύτερη μονάδα".
@list ordinal-word
first second third fourth fifth sixth


@cue to-found
to_establish to_jointly_establish to_set_up to_jointly_set_up to_create to_jointly_create to_launch to_found
the_establishment_of the_creation_of the_joint_establishment_of


@list cooperation
cooperation co-operation partnership collaboration


@list signing-word
signing


@list topics-word
challenges themes topics issues questions


@list field-word
areas fields domains sectors


@list operation-word
operation operations work activities running

# A practice that combines fields is in them ("Практиката, която обединява образованието и енергетиката"); an
# organisation that unites members is not.
@cue combines
combines combine


@list copula
is was


@cue trains
train trains trained will_train to_train


@list as-practice
as_a_good_practice as_good_practice as_an_example_of_good_practice as_a_best_practice


@list jointly
jointly_with together_with in_cooperation_with in_partnership_with in_collaboration_with

# Bodies every language names by a head word and a place, minted under an English name by a
# pattern: "Municipality of Vidin" is Vidin Municipality, "Region of Vidin" Vidin Region
# (resolve.go). The joining words may stand between the head and the place.
@list canonical-municipality
municipality
@list canonical-region
region
@list canonical-joins
of of_the

# A mayor or a delegation from a city stands for its municipality: the words, and the pattern of the
# municipality's name ("_" is the city).
@list city-envoy
delegation delegations
mayor mayors deputy_mayor deputy_mayors
@list municipality-name
_ Municipality

# Companies' legal forms written with dots after the name ("Α.Ε.", "S.A."), their letters.
@list company-suffix
sa ag nv bv

# A minister stands for a ministry: the pattern of its name ("_" is the title's complement).
@list ministry-name
Ministry of _

# A project is not the programme or fund that finances it: "the project" does not speak of a programme
# named by a funder's head word (base forms).
@list project-word
project
@list funder-word
programme program fund

# Building works named as a sentence's subject ("The renovation was financed by …") were done on the
# centre the text spoke of last.
@list works-noun
retrofit renovation refurbishment upgrade reconstruction modernisation modernization rehabilitation works construction

# A regional governor stands for the region: the titles, the words of a region before its name, the
# pattern of the region's organisation ("_" is the region).
@list title-region
governor regional_governor county_governor
@list region-word
region county
@list region-name
_ Region

# The first person plural ("we hosted", "our units"): a text an organisation writes of itself speaks of the
# organisation its headline names.
@list we
we our us ours
