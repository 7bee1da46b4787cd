import type { TemplateSet } from './template';

/**
 * English templates. `{a|b}` picks one, `{|a}` may leave it out, `$slot` is filled from slots.ts.
 * Labels follow ../shared/data/README.md: 1 only for danger to a person now.
 */
export const ENGLISH: TemplateSet[] = [
  // ---------------- emergencies
  {
    category: 'security', emergency: 1, templates: [
      '{Someone|A man|A thief|Some guy} {just|} {stole|snatched|grabbed} my {$item} {from my berth|near the door|while I was asleep|at the last station} in coach $coach{, train $train|}',
      'My {$item} {was|has been} {stolen|snatched} {just now|10 minutes ago|a few minutes back} in {coach $coach|train $train}, {the thief is still in the coach|please send RPF|need help now}',
      '{Two|Three|A group of|Some} {drunk|drunken|intoxicated} {men|passengers|guys} {are|have been} {abusing|fighting with|threatening|misbehaving with} {passengers|everyone|us} in coach $coach{, please send RPF|. Help|, we are scared}',
      '{A fight|A violent fight|A brawl} {has broken out|is going on} in coach $coach of train $train, {people are getting hurt|someone is bleeding|please send police}',
      '{A man|Someone|A passenger} {is carrying|has} a {knife|blade|gun|pistol} in coach $coach and {is threatening people|is scaring passengers|is shouting}',
      'Some {goons|men|local boys} {forcefully|by force} occupied our {reserved berths|seats} in $coach and {are threatening us|beat my {father|brother}|refuse to leave and are abusing us}',
      '{My|Our} {father|uncle|grandfather|friend|co-passenger} {is missing|went missing|has not come back} since the train left $station, {his phone is off|we searched the whole train|please help}',
      '{A suspicious|An unattended} {bag|box|package} {is lying|has been lying} under the seat in coach $coach{, nobody claims it|, people are worried}',
      '{Pickpockets|Chain snatchers|Thieves} {are active|are roaming} in {coach $coach|the general coach} of $train right now, {one lady lost her chain|my wallet just got stolen}',
      '{Someone|A man} {slapped|hit|attacked|punched} my {father|husband|brother} {over a seat|for no reason} in coach $coach, {he is still shouting|please send RPF}',
      'Robbers {boarded|entered} {the train|coach $coach} at $station and {are looting|robbed} passengers {right now|just now}, train $train',
      'Hijras are {forcing|threatening} passengers to pay money in coach $coach and {one of them slapped a boy|they are getting aggressive}',
    ],
  },
  {
    category: 'women_safety', emergency: 1, templates: [
      '{A man is|Some men are|A co-passenger is|A drunk man is} {harassing|molesting|touching|misbehaving with} {my wife|my sister|a girl|women|a lady|me} in coach $coach{, train $train|}{, please help|. Send RPF|}',
      'I am a {woman|girl} travelling alone in $coach and {a man|two men} {keep staring at me|are following me|keep touching me|are passing comments}, I feel {unsafe|scared}',
      '{Eve teasing|Molestation|Harassment} {going on|happening} in {the ladies coach|coach $coach} of $train, {girls are crying|no RPF in sight|please act fast}',
      'My {daughter|sister|wife} is travelling alone in $train coach $coach, {a man is troubling her|someone is sending her lewd gestures|a group of boys is harassing her}, {please send help|she is terrified}',
      '{A man|Someone} {is showing obscene gestures|is masturbating|exposed himself} {to women|to me} in coach $coach of $train',
      'Men have {entered|forced into} the ladies compartment of $train and are {misbehaving with us|harassing women|refusing to leave}',
      '{I am alone|Alone} in a {nearly empty|dark} coach $coach at night and {a man keeps sitting next to me|someone is following me around}, I am scared',
      'TTE is {misbehaving with|touching} a {young girl|female passenger} in coach $coach{, she is crying|}',
    ],
  },
  {
    category: 'medical', emergency: 1, templates: [
      'My {mother|father|grandfather|husband|wife|co-passenger} {fainted|collapsed|is unconscious|has chest pain|is having a heart attack|is not breathing properly} in coach $coach{ berth $berth|}, {need a doctor|please arrange a doctor|need medical help} at {the next station|$station}',
      '{A pregnant lady|My wife who is pregnant} is in labour pain in {coach $coach|train $train}, {please arrange an ambulance|need a doctor urgently}',
      '{A passenger|An old man|A child} {is bleeding|got injured|fell and hurt his head|fell down near the door} in coach $coach, {need first aid|please send medical help}',
      'My {son|daughter|baby} has {high fever|been vomiting|severe stomach pain|a seizure} in train $train coach $coach, {we need a doctor|no medicine with us}',
      '{My father|A passenger} is diabetic and his sugar {dropped|is very low}, {he is shivering|he is about to faint}, coach $coach',
      '{Food poisoning|Vomiting and loose motions} {in|for} {many passengers|our family} after eating pantry food in $train, {please send a doctor|need medical help now}',
      'Passenger {is having fits|has an asthma attack|cannot breathe} in coach $coach of $train, please help',
      '{An elderly woman|My grandmother} {has a very high BP|is feeling dizzy and weak|is unwell} in coach $coach, {need a doctor at next station|no first aid in train}',
      'A {man|boy} fell from the train near $station and is {badly injured|lying on the track}, please send {an ambulance|help}',
    ],
  },
  {
    category: 'child', emergency: 1, templates: [
      'My {son|daughter|child|kid} {aged 5|aged 8|who is 6 years old|} is missing {at|on} {platform $platform|$station station|the train}, {please help|wearing a red shirt|please announce}',
      '{Lost|We lost} our {child|son|daughter|baby} {in the crowd|while boarding} at $station, {please help find|please alert RPF}',
      '{A small child|A little girl|A boy of about 7} {is crying alone|is alone without parents|has been alone for an hour} in coach $coach of $train',
      '{A man|Someone} is {forcibly taking|dragging} a {small girl who says he is not her father|crying child who does not know him} in coach $coach, {looks like kidnapping|please check}',
      'I think some children are being trafficked in coach $coach of $train, {a man is with 6 kids who look scared|they are not allowed to talk}',
      '{My daughter got down at $station for water and the train left, she is only 10|My son got down at $station for tea and the train left, he is alone there now}, please help',
    ],
  },
  {
    category: 'safety_incident', emergency: 1, templates: [
      '{Fire|Smoke|Heavy smoke} {in|coming out of|is coming from} {coach $coach|the pantry car|the toilet of $coach|under coach $coach} of train $train{, please stop the train|, people are panicking|!!}',
      'There is a {burning smell|smell of burning wire} and {sparks|smoke} {from|near} the {switch board|charging point|AC duct} in coach $coach',
      '{Train|Our train} $train {has derailed|derailed|met with an accident} near $station, {people are injured|coaches are tilted|please send help}',
      '{The door|The door of coach $coach} {is broken and keeps flying open|won\'t close} while the train is running fast, {a child almost fell|someone could fall out}',
      '{Huge crowd|Massive rush} at $station platform $platform, {people are being crushed|stampede like situation|people are falling down}, {please control|send RPF}',
      '{A live wire|An electric wire} is hanging {in coach $coach|near the door} and {a passenger got a shock|it is sparking}',
      '{The train|Coach $coach} {hit|collided with} a {tractor|vehicle} at a crossing near $station, passengers are hurt',
      'Gas cylinder {leaking|caught fire} in the pantry of $train, {everyone is running|coach is full of smoke}',
      'Crack in the {track|rail} seen near $station, train $train is about to pass, please stop it',
    ],
  },
  // ---------------- feedback in security-like categories
  {
    category: 'security', emergency: 0, templates: [
      '{No RPF|No police|No security staff} {at|on} {$station|platform $platform} {at night|after 10 pm|ever}, please {deploy more staff|increase patrolling}',
      'My {$item} was stolen {last week|on my journey last month|two days ago} in train $train, {FIR not filed yet|no update from GRP|what is the status of my complaint}',
      '{People are smoking|Passengers smoke} in the {toilet|vestibule|door area} of coach $coach {every day|and nobody stops them}',
      '{Beggars|Hawkers|Unauthorised vendors} keep {roaming|coming} in the reserved coach $coach of $train, {very annoying|please stop this}',
      'Unauthorised passengers with general tickets {crowd|fill} our sleeper coach $coach every day on $train',
      '{CCTV cameras|Cameras} at $station {are not working|are missing}, {how will thefts be traced?|please repair}',
      'Please put more RPF escorts on $train, {thefts happen often on this route|night journeys feel risky}',
      'Why is the RPF helpline so slow? I complained {about a theft|about a nuisance} yesterday and got no call back',
    ],
  },
  {
    category: 'women_safety', emergency: 0, templates: [
      'The ladies {compartment|coach} of $train has {no lock|no lights|a broken door latch}, please fix it',
      'Men occupy the ladies coach {daily|every morning} on the $station local, {please keep a check|RPF should act}',
      'Please deploy more women constables on {night trains|$train}, women {do not feel safe|feel uneasy} on this route',
      'The {waiting room|platform} for ladies at $station is dark at night, {please improve lighting|needs a female guard}',
      'Why is there no women helpline number displayed in coach $coach of $train?',
      'Meri Saheli team should also cover $train, {many women travel alone on it|it would help women passengers}',
    ],
  },
  {
    category: 'medical', emergency: 0, templates: [
      'There is no first aid box in {coach $coach|train $train}, {please keep one|this is a basic requirement}',
      'Doctor on call took {two hours|very long} to come {last week|on my last journey} when my {father|mother} was unwell, please improve',
      'Medical shop at $station {is always closed|has no medicines}, please look into it',
      'Is there any facility to get a doctor on board $train? {Asking for my elderly parents|Just want to know before travelling}',
      'Ambulance service at $station is very poor, {took an hour last time|no stretcher available}',
      'Please provide {a wheelchair and|} medical help booth at platform $platform of $station',
    ],
  },
  {
    category: 'child', emergency: 0, templates: [
      'No {milk|hot water} for {babies|infants} available in $train pantry, {very difficult with a baby|please arrange}',
      'Please provide {baby berths|baby changing rooms|feeding rooms} {in trains|at $station}',
      'Children are {begging|selling things} at $station {every day|at all hours}, {child welfare should look into it|very sad to see}',
      'There should be a play area or child-friendly waiting room at $station',
      'Child ticket rules are confusing, {do I need a berth for my 4 year old?|is a ticket needed for a 3 year old kid?}',
    ],
  },
  {
    category: 'safety_incident', emergency: 0, templates: [
      'No fire extinguisher in coach $coach of $train, {this is a safety lapse|please install one}',
      'The gap between platform $platform and the train at $station is too wide, {someone may fall someday|please fix}',
      'Level crossing near $station has no gate {man|keeper}, {accidents can happen|please look}',
      'Coach $coach {shakes a lot|jerks badly} at high speed on $train, please check {the track|the coach}',
      'Emergency chain in coach $coach {is not working|is missing}, please repair',
      'Footboard of coach $coach is {loose|rusted}, could be risky {for old people|someday}, please repair',
    ],
  },
  // ---------------- ordinary feedback
  {
    category: 'cleanliness', emergency: 0, templates: [
      '{Toilets|The toilet|Washrooms} in coach $coach {are|is} {filthy|very dirty|stinking|not cleaned since morning}{, please clean|. Pathetic|}',
      '{Cockroaches|Rats|Bed bugs|Mosquitoes} {all over|in} coach $coach of $train, {very unhygienic|please do pest control}',
      'Garbage {lying|piled up} {everywhere|under the seats|near the door} in coach $coach, {no one has cleaned it|no dustbin}',
      '{Platform $platform|The waiting room} at $station is {very dirty|stinking|full of garbage}',
      'Coach $coach is {dusty|dirty} and {smells bad|the floor is wet and muddy}{, train $train|}',
      'Cleaning staff {did not come|never came} in coach $coach {even after complaint|for the whole journey}',
    ],
  },
  {
    category: 'water', emergency: 0, templates: [
      'No water in {the toilet|the washroom|coach $coach} {since $station|since morning|for 5 hours}{, train $train|}',
      '{Drinking water|Water booth} at platform $platform of $station {is not working|is dry|is empty}',
      '{Taps are dry|Water tank is empty} in coach $coach of $train, {cannot wash hands|please refill at next station}',
      'Water {is not coming|stopped} in {the|all} washroom{s|} of $coach, {kindly arrange|please do something}',
      'The water cooler at $station is {broken|giving hot water|dirty}',
    ],
  },
  {
    category: 'electrical', emergency: 0, templates: [
      '{AC is not working|AC not cooling|No cooling} in coach $coach of train $train{, it is very hot|, please fix|}',
      '{Fans|Lights|Charging points} in coach $coach {are not working|do not work|are dead}{, please repair|}',
      '{Power cut|No electricity} in coach $coach {since $station|for 2 hours}, {no light no fan|phones dying}',
      'Mobile charging socket near berth $berth {is broken|does not work} in $coach',
      'The AC in $coach is {too cold|freezing}, {please adjust the temperature|we cannot sleep}',
      'Reading light {at berth $berth|in coach $coach} is not working',
    ],
  },
  {
    category: 'catering', emergency: 0, templates: [
      '{Food|Dinner|Lunch|Breakfast} {served|given} in $train {was|is} {stale|cold|tasteless|of very poor quality}',
      '{Vendor|Pantry staff} {is charging|charged} {Rs $amount|₹$amount|more than MRP} for a {water bottle|tea|meal|veg thali}',
      'Found an {insect|a cockroach|hair} in the {food|meal|biryani} from the pantry of $train',
      'Tea {served|sold} in coach $coach {is like hot water|has no taste}',
      'Ordered e-catering at $station but {food never came|got the wrong meal}',
      'No pantry car in $train and {no food available|vendors sell costly food}',
    ],
  },
  {
    category: 'staff_behaviour', emergency: 0, templates: [
      '{The TTE|Coach attendant|Station staff|The ticket checker} {was very rude|shouted at|misbehaved with|insulted} {me|my parents|passengers} {in coach $coach|at $station}',
      'Coach attendant {is sleeping|does not respond|is never available} in $coach, {no one to help|rude when asked}',
      'Enquiry counter staff at $station {do not answer properly|are arrogant|ignore passengers}',
      'The {TTE|staff} {used abusive language|spoke very badly} with {senior citizens|a passenger} in $train',
    ],
  },
  {
    category: 'corruption', emergency: 0, templates: [
      'The TTE {demanded|asked for|took} Rs $amount {to give a berth|to confirm my seat|without a receipt} in $train',
      '{Staff|Coach attendant} {is taking money|takes bribes} to {give blankets|allot berths|let general passengers in}',
      '{Overcharging|Extra money} {by|taken by} {the TTE|parcel office staff|porters} at $station, {no receipt given|please stop this corruption}',
      'Touts are selling tatkal tickets at {double|triple} price near $station {booking counter|}',
      'RPF constable {took Rs $amount|asked for money} from {vendors|passengers} at $station',
    ],
  },
  {
    category: 'punctuality', emergency: 0, templates: [
      'Train $train is {running|} {$hours hours|very} late{, please help|. Urgent|, no information given|!!}',
      '{Why is|Why} $train {delayed|so late} {again|every day}? {We have a connecting train|I will miss my exam|Urgent, please reply}',
      '$train {cancelled|got cancelled} {without notice|at the last minute}, {what should we do?|help please}',
      'Train $train {has been|is} standing {at|near} $station for {$hours hours|a long time} {without any reason|with no announcement}',
      'Stuck {in|at} $station since morning as $train is {late|delayed}{, urgent help needed|, stranded with family|}',
      '{Help!|Emergency!|Urgent!} $train {is|running} $hours hours late and {no one is telling us anything|we are stranded}',
    ],
  },
  {
    category: 'ticketing', emergency: 0, templates: [
      '{Refund|TDR refund} for PNR $pnr {not received|still pending} {after 15 days|for a month}{, urgent|, please help|}',
      'Money {deducted|debited} {but ticket not booked|twice} on IRCTC, {amount Rs $amount|please refund}',
      'IRCTC {website|app} {is not working|keeps crashing|shows error} during tatkal booking{, urgent|}',
      'Cancelled my ticket {PNR $pnr|} but {refund is less|no refund came}, {please check|help}',
      'UTS app {not showing|did not generate} my ticket after payment of Rs $amount',
      'Counter at $station {was closed|had a huge queue} and I {could not buy a ticket|missed my train}',
    ],
  },
  {
    category: 'reservation_berth', emergency: 0, templates: [
      'My ticket PNR $pnr is still {waitlisted|on WL $berth|RAC}, will it {get confirmed|be confirmed}?',
      '{Someone|A passenger} is sitting on my {berth|seat} $berth in coach $coach and {not vacating|refuses to move}{, TTE not around|}',
      'Senior citizen {not given|denied} lower berth {in $coach|} {even after booking under quota|despite request}',
      'Chart prepared but {my berth changed|we got separate coaches} for PNR $pnr',
      'We booked together but got berths in {different coaches|$coach and another coach}, please adjust',
      'RAC passengers {not given|denied} berths even though {coach $coach has empty berths|many berths are vacant}',
    ],
  },
  {
    category: 'bedroll', emergency: 0, templates: [
      '{Blanket|Bedsheet|Pillow|Bedroll} {not provided|not given|is dirty|is torn|smells bad} in coach $coach of $train',
      'Bedsheets {given|provided} in $coach {are wet|have stains|are not washed}',
      'No {blankets|pillows|bedrolls} {in|for} {AC coach $coach|berth $berth}, {it is very cold|please provide}',
    ],
  },
  {
    category: 'maintenance', emergency: 0, templates: [
      '{Window|Window shutter|Door lock|Berth chain|Toilet flush|Seat} {is broken|does not work|is jammed} in coach $coach',
      '{Roof|AC duct} {leaking|leaks} water on berth $berth of coach $coach{ of $train|}',
      '{Ladder|Curtain|Mirror|Hook} in $coach {is broken|missing}, please repair',
      '{Lift|Escalator} at $station platform $platform {is not working|is out of order} for {days|weeks}',
      'Seat cushions in coach $coach are torn and the berth {is loose|rattles}',
    ],
  },
  {
    category: 'luggage', emergency: 0, templates: [
      '{I forgot|I left} my {bag|suitcase|luggage} in coach $coach of $train{ after getting down at $station|}, {how can I get it back?|please help}',
      'Parcel {booked|sent} from $station {not delivered|still not received} after {a week|many days}',
      'Porters at $station {charge too much|asked Rs $amount} for {luggage|two bags}',
      'No space for luggage in coach $coach, {people keep bags in the aisle|racks are full}',
      'Cloak room at $station {was closed|refused my luggage}',
    ],
  },
  {
    category: 'divyangjan', emergency: 0, templates: [
      'No wheelchair available at $station for my {disabled|handicapped} {father|mother|brother}',
      'There is no ramp at platform $platform of $station, {very hard for wheelchair users|divyang passengers cannot reach}',
      'Divyang coach of $train {is occupied by others|is locked}, {disabled passengers cannot board|please check}',
      'Blind passengers need {braille signs|audio announcements} at $station',
      'Divyangjan concession {not given|rejected} while booking PNR $pnr',
    ],
  },
  {
    category: 'other', emergency: 0, templates: [
      '{Thank you|Thanks|Kudos} {Indian Railways|@RailMinIndia|team $train} for {a smooth journey|clean coaches|quick help}{!|.|}',
      '{Breaking:|News:|Reports say} {an accident|a fire|a derailment} {took place|happened} near $station {yesterday|last week|in 2019}, {prayers for the victims|inquiry ordered}',
      'When will {the new Vande Bharat|a new train} start between $station and Delhi?',
      'What is the {timing|platform} of $train at $station?',
      '{Beautiful view from|Lovely journey on} $train {today|}, {proud of Indian Railways|#IncredibleIndia}',
      'Railway ministry announces {compensation|ex gratia} for {victims of|families in} the $station accident',
      'Is {wifi|food} available on $train?',
    ],
  },
];
