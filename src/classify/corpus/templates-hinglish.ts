import type { TemplateSet } from './template';

/** Hindi written in Latin letters, with the spelling variants people use; same syntax as templates-en.ts. */
export const HINGLISH: TemplateSet[] = [
  // ---------------- emergencies
  {
    category: 'security', emergency: 1, templates: [
      '{kisi ne|ek aadmi ne|chor ne} {abhi|abhi abhi|} mera $item {chura liya|chheen liya|utha liya} {coach $coach me|train $train me}{, help karo|, RPF bhejo|}',
      'coach $coach me {kuch|do|teen} {sharabi|daru piye hue|nashe me} log {jhagda kar rahe hain|gaali de rahe hain|dhamki de rahe hain}{, jaldi police bhejo|, hum dare hue hain|}',
      'train $train ke coach $coach me {maar peet|marpit|ladai} ho rahi hai, {ek aadmi ghayal hai|log dare hue hain|turant help bhejo}',
      '{ek aadmi ke paas|ek passenger ke paas} {chaku|bandook|hathiyar} hai aur wo {logo ko dhamka raha hai|coach $coach me ghum raha hai}',
      'kuch {gunde|log} {zabardasti|jabardasti} hamari {seat|berth} pe kabza kar ke {dhamki de rahe hain|maar peet kar rahe hain}, coach $coach',
      'mere {papa|dadaji|bhai} $station ke baad se {lapata hain|mil nahi rahe}, {phone band hai|poori train me dhoond liya}, plz help',
      'coach $coach me ek {lawaris|suspicious} {bag|box} pada hai, {koi claim nahi kar raha|log dare hue hain}',
      '{jebkatre|chain snatcher} coach $coach me {ghoom rahe hain|active hain}, {abhi ek aunty ki chain cheen li|mera purse abhi chori hua}',
      'kinnar log coach $coach me {zabardasti paise maang rahe hain aur maar rahe hain|passengers ko dhamka rahe hain}',
    ],
  },
  {
    category: 'women_safety', emergency: 1, templates: [
      '{ek aadmi|kuch ladke|ek passenger} {meri wife|meri behen|ek ladki|ladkiyon} ko {ched raha hai|chhed rahe hain|pareshan kar raha hai|galat tarike se touch kar raha hai} coach $coach me{, help|, RPF bhejo|}',
      'main akeli travel kar rahi hu coach $coach me aur {ek aadmi mujhe ghoor raha hai|kuch ladke peecha kar rahe hain|ek aadmi gandi baatein kar raha hai}, {dar lag raha hai|bahut darr lag raha hai}',
      'train $train ke ladies coach me {chhedkhani|gandi harkatein} ho rahi hai, {koi police nahi hai|turant help bhejo}',
      'meri {beti|behen} train $train me akeli hai aur {ek aadmi usko pareshan kar raha hai|kuch log uspe comment kar rahe hain}, {please help|wo bahut dari hui hai}',
      'kuch mard ladies dibbe me {ghus aaye hain|zabardasti baithe hain} aur {badtameezi kar rahe hain|aurton ko pareshan kar rahe hain}',
      'raat ko coach $coach me akeli hu, {ek aadmi baar baar paas aake baith raha hai|koi peecha kar raha hai}, safe nahi lag raha',
    ],
  },
  {
    category: 'medical', emergency: 1, templates: [
      'meri {maa|mummy} ki tabiyat {achanak|} {kharab ho gayi hai|bigad gayi hai} coach $coach {berth $berth|} me, {doctor chahiye|next station pe doctor bhejo}',
      'mere {papa|husband|dadaji} {behosh ho gaye hain|ko seene me dard hai|ko heart attack aaya hai|saans nahi le pa rahe} train $train me, {turant help karo|ambulance bhejo}',
      'ek pregnant lady ko labour pain ho raha hai coach $coach me, {doctor aur ambulance chahiye|jaldi help karo}',
      'ek passenger {gir gaya aur khoon beh raha hai|ko bahut chot lagi hai|darwaze se gir ke ghayal ho gaya} coach $coach me, {first aid chahiye|help bhejo}',
      'mere {bachche|bete|beti} ko {tez bukhar hai|baar baar ulti ho rahi hai|daura pada hai} train $train me, doctor {chahiye|bulao}',
      'pantry ka khana kha ke {kai logo|hamari family} ki tabiyat kharab ho gayi, {ulti dast ho rahe hain|doctor bhejo}',
      'ek buzurg passenger ko {chakkar aa rahe hain|saans lene me dikkat hai} coach $coach me, {koi doctor nahi hai|turant madad chahiye}',
    ],
  },
  {
    category: 'child', emergency: 1, templates: [
      'mera {bachcha|beta|baccha} {$station station pe|platform $platform pe|bheed me} kho gaya hai, {please help|laal shirt pehna hai|announcement karwao}',
      'meri {beti|bachchi} train se {gum ho gayi hai|lapata hai}, {age 6 saal|please jaldi dhoondo}',
      'ek chhota bachcha coach $coach me {akela ro raha hai|bina maa baap ke hai}, {koi dekhne wala nahi|RPF bhejo}',
      'ek aadmi {ek bachchi ko|ek bachche ko} {zabardasti le ja raha hai|kheench raha hai}, {kidnapping lag rahi hai|bachcha ro raha hai} coach $coach me',
      'coach $coach me {kuch bachchon ki taskari|bachchon ko zabardasti le jaya ja raha hai} lag raha hai, {check karo|RPF bhejo jaldi}',
    ],
  },
  {
    category: 'safety_incident', emergency: 1, templates: [
      '{coach $coach me|pantry car me|train $train me} {aag lagi hai|aag lag gayi hai|dhuan nikal raha hai|dhuaan bhar gaya hai}{, jaldi help bhejo|, log ghabra rahe hain|!!}',
      'coach $coach ke {switch board|charging point} se {chingari nikal rahi hai|jalne ki smell aa rahi hai}, {aag lag sakti hai|jaldi dekho}',
      'train $train {patri se utar gayi hai|ka accident ho gaya hai} $station ke paas, {log ghayal hain|help bhejo}',
      'coach $coach ka darwaza {toota hua hai aur chalti train me khul raha hai|band nahi ho raha}, {ek bachcha girte girte bacha|koi gir sakta hai}',
      '$station pe {bahut bheed|bhagdad jaisi halat} hai, {log dab rahe hain|log gir rahe hain}, {turant police bhejo|control karo}',
      'coach $coach me {bijli ka taar latak raha hai|current aa raha hai}, {ek passenger ko jhatka laga|khatra hai}',
      'train $train ki $station ke paas {tractor se takkar ho gayi|haadsa ho gaya}, passengers ghayal hain',
    ],
  },
  // ---------------- feedback in security-like categories
  {
    category: 'security', emergency: 0, templates: [
      '$station pe raat ko {koi RPF nahi hota|police nahi rehti}, {patrolling badhao|security badhao please}',
      'pichle {hafte|mahine} train $train me mera $item chori hua tha, {abhi tak koi action nahi|FIR ka status batao}',
      'coach $coach me log {roz cigarette peete hain|toilet me smoking karte hain}, koi rokta nahi',
      'reserved coach me {hawkers|bhikari} {baar baar aate hain|ghoomte rehte hain}, {band karo ye|bahut pareshani hoti hai}',
      '$station pe {CCTV camera|camera} {kharab hain|kaam nahi kar rahe}, theek karwao',
    ],
  },
  {
    category: 'women_safety', emergency: 0, templates: [
      'train $train ke ladies dibbe me {kundi nahi hai|light nahi hai|darwaza theek se band nahi hota}, please theek karo',
      'roz subah ladies coach me mard baith jaate hain, {RPF ko dhyan dena chahiye|action lo please}',
      'raat ki trains me {lady police|mahila guard} {badhao|honi chahiye}, ladies ko {safe feel nahi hota|ajeeb lagta hai}',
      '$station pe ladies waiting room me {andhera rehta hai|koi guard nahi hai}, sudhar karo',
    ],
  },
  {
    category: 'medical', emergency: 0, templates: [
      'train $train me {first aid box|first aid kit} nahi hai, {rakhwao please|ye basic cheez hai}',
      'pichli journey me doctor aane me {do ghante|bahut der} lagi, {system sudharo|ye theek nahi}',
      '$station pe {medical shop|dawai ki dukan} {hamesha band rehti hai|me dawaiyan nahi hoti}',
      'kya train $train me doctor ki facility {milti hai|hai}? buzurg parents ke saath travel karna hai',
    ],
  },
  {
    category: 'child', emergency: 0, templates: [
      'train $train me {bachchon ke liye doodh|baby ke liye garam pani} nahi milta, {arrange karo please|bahut dikkat hoti hai}',
      '$station pe {bachche bheekh maangte hain|chhote bachche saaman bechte hain}, {child welfare dhyan de|bahut bura lagta hai}',
      'stations pe {baby feeding room|bachchon ke liye waiting room} hona chahiye',
      'bachchon ke ticket ke rules samajh nahi aate, {4 saal ke bachche ke liye berth chahiye kya?|3 saal ke bachche ka ticket lagta hai kya?}',
    ],
  },
  {
    category: 'safety_incident', emergency: 0, templates: [
      'coach $coach me fire extinguisher nahi hai, {ye safety me lapse hai|lagwao please}',
      '$station pe platform aur train ke beech {bahut gap hai|jagah bahut zyada hai}, {koi gir sakta hai|theek karo}',
      '$station ke paas phatak pe {koi gateman nahi hai|gate khula rehta hai}, {kabhi bhi haadsa ho sakta hai|dhyan do}',
      'train $train ka coach $coach tez speed pe {bahut hilta hai|jhatke maarta hai}, {track check karo|coach check karo}',
    ],
  },
  // ---------------- ordinary feedback
  {
    category: 'cleanliness', emergency: 0, templates: [
      'coach $coach {ka toilet|ke toilet} {bahut ganda hai|badboo maar raha hai|subah se saaf nahi hua}{, safai karwao|}',
      'coach $coach me {cockroach|chuhe|khatmal|machhar} {bahut hain|bhare pade hain}, {pest control karo|bahut gandagi hai}',
      '{seat ke neeche|darwaze ke paas|poore coach me} kachra pada hai, {koi safai karne nahi aaya|dustbin nahi hai}',
      '$station {platform $platform|ka waiting room} {bahut ganda hai|kachre se bhara hai|badbu aa rahi hai}',
      'safai wale {poori journey me nahi aaye|complaint ke baad bhi nahi aaye} coach $coach me',
    ],
  },
  {
    category: 'water', emergency: 0, templates: [
      '{coach $coach me|toilet me|bathroom me} {subah se|$station se|5 ghante se} {paani nahi hai|pani nahi aa raha|pani nhi hai}{, train $train|}',
      '$station platform $platform pe {peene ka paani nahi hai|water cooler kharab hai|nal sukhe hain}',
      'coach $coach ki paani ki tanki khali hai, {haath dhone ko pani nahi|next station pe bharwao}',
      'train $train me pani {khatam ho gaya|nahi bhara gaya}, {arrange karo please|bahut pareshani hai}',
    ],
  },
  {
    category: 'electrical', emergency: 0, templates: [
      'coach $coach me {AC kaam nahi kar raha|AC thanda nahi kar raha|AC band hai|cooling nahi hai}{, bahut garmi hai|, theek karo please|}',
      'coach $coach me {pankhe|light|charging point} kaam nahi kar rahe{, theek karwao|}',
      'coach $coach me {$station se|do ghante se} bijli nahi hai, {na pankha na light|andhera hai}',
      'berth $berth ke paas ka charging point {kharab hai|kaam nahi karta}',
      'coach $coach me AC {bahut thanda hai|bahut tez hai}, {temperature theek karo|so nahi pa rahe}',
    ],
  },
  {
    category: 'catering', emergency: 0, templates: [
      'train $train me {khana|nashta|dinner} {basi tha|thanda tha|bekar tha|bilkul achha nahi tha}',
      '{vendor|pantry wala} {paani ki bottle|chai|thali} ke {$amount rupaye|zyada paise|MRP se zyada} le raha hai',
      'pantry ke {khane|biryani} me {keeda|baal|cockroach} nikla, train $train',
      'coach $coach me milne wali chai {bilkul paani jaisi hai|bekar hai}',
      'train $train me pantry car nahi hai aur {khana nahi mil raha|vendor mehnga khana bech rahe hain}',
    ],
  },
  {
    category: 'staff_behaviour', emergency: 0, templates: [
      '{TTE|coach attendant|station staff} ne {mere saath|mere parents ke saath|passengers ke saath} {badtameezi ki|bura bartav kiya|misbehave kiya}',
      'coach attendant {so raha hai|jawab nahi deta|kabhi milta hi nahi} coach $coach me, {koi help nahi karta|poochne pe chillata hai}',
      '$station enquiry counter wale {theek se jawab nahi dete|bahut rude hain}',
      '{TTE|staff} ne {buzurg passengers|ek passenger} {ko gaali di|se badtameezi se baat ki}',
    ],
  },
  {
    category: 'corruption', emergency: 0, templates: [
      'TTE ne {berth dene ke liye|seat confirm karne ke liye} {$amount rupaye maange|paise maange|bina receipt paise liye}, train $train',
      '{coach attendant|staff} {kambal dene|berth dene} ke liye {rishwat maangta hai|paise leta hai}',
      '$station pe {parcel office wale|kuli} {zyada paise lete hain|vasooli karte hain}, {receipt nahi dete|ye corruption band karo}',
      '{dalal|agent} $station pe tatkal ticket {double rate|zyada daam} pe bech rahe hain',
    ],
  },
  {
    category: 'punctuality', emergency: 0, templates: [
      'train $train {$hours ghante|bahut} late {hai|chal rahi hai}{, please help|, koi info nahi|, urgent reply do|}',
      'train $train {roz|fir se} late kyu hai? {connecting train chhoot jayegi|mera exam chhoot jayega|jaldi batao}',
      'train $train {bina bataye|last moment pe} cancel kar di, {ab kya karein?|help karo}',
      'train $train $station {ke paas|pe} {$hours ghante se|bahut der se} khadi hai, {koi announcement nahi|koi reason nahi bataya}',
      '{help karo!|bahut urgent!} train $train {$hours ghante|bahut} der se chal rahi hai aur hum $station pe phase hain',
    ],
  },
  {
    category: 'ticketing', emergency: 0, templates: [
      'PNR $pnr ka refund {15 din baad bhi nahi mila|abhi tak nahi aaya}{, jaldi karo|, please help|}',
      'IRCTC pe {paise kat gaye|payment ho gaya} lekin ticket book nahi hua, {$amount rupaye|paise wapas karo}',
      'tatkal booking ke time IRCTC {app|website} {nahi chal rahi|baar baar band ho rahi hai}',
      'ticket cancel kiya tha lekin {refund kam aaya|paise wapas nahi aaye}, PNR $pnr',
      '$station pe ticket counter {band tha|pe bahut lambi line thi} aur {ticket nahi mila|meri train chhoot gayi}',
    ],
  },
  {
    category: 'reservation_berth', emergency: 0, templates: [
      'PNR $pnr abhi bhi {waiting me hai|RAC me hai}, {confirm hoga kya?|seat milegi kya?}',
      'koi meri {seat|berth} $berth pe baitha hai coach $coach me aur {khali nahi kar raha|hatne se mana kar raha hai}',
      'senior citizen ko {lower berth nahi di|neeche wali berth nahi mili} {quota me book karne ke baad bhi|request ke baad bhi}',
      'saath me book kiya tha lekin {alag alag coach me berth mili|hum alag ho gaye}, please change karo',
    ],
  },
  {
    category: 'bedroll', emergency: 0, templates: [
      'coach $coach me {kambal|chadar|takiya|bedroll} {nahi diya|ganda hai|phata hua hai|badboo maar raha hai}',
      'jo chadar di {geeli hai|daag wali hai|dhuli nahi hai} coach $coach me',
      'AC coach $coach me {kambal|takiye} nahi {hain|mile}, {bahut thand hai|de do please}',
    ],
  },
  {
    category: 'maintenance', emergency: 0, templates: [
      'coach $coach me {khidki|khidki ka sheesha|darwaze ki kundi|toilet ka flush|seat} {tooti hui hai|kharab hai|kaam nahi kar rahi}',
      'coach $coach ki chhat se berth $berth pe paani {tapak raha hai|leak ho raha hai}',
      '$station platform $platform pe {lift|escalator} {kai dino se kharab hai|band pada hai}',
      'coach $coach me {seedhi|parda|sheesha} {toota hai|gayab hai}, repair karwao',
    ],
  },
  {
    category: 'luggage', emergency: 0, templates: [
      'mera {bag|suitcase|saaman} train $train ke coach $coach me {chhoot gaya|reh gaya}, {wapas kaise milega?|please help}',
      '$station se bheja parcel {ek hafte baad bhi nahi pahuncha|abhi tak nahi mila}',
      '$station pe kuli {bahut zyada paise maangte hain|$amount rupaye maang rahe the} saaman ke liye',
      'coach $coach me saaman rakhne ki jagah nahi hai, {log raste me bag rakhte hain|rack bhare hue hain}',
    ],
  },
  {
    category: 'divyangjan', emergency: 0, templates: [
      '$station pe mere {divyang|viklang} {papa|bhai} ke liye wheelchair nahi mili',
      '$station platform $platform pe ramp nahi hai, {wheelchair walon ko bahut dikkat hai|divyang passenger nahi pahunch paate}',
      'train $train ka divyang coach {dusre logon ne gher rakha hai|band hai}, check karo please',
      'divyangjan concession {nahi mila|reject ho gaya} PNR $pnr pe',
    ],
  },
  {
    category: 'other', emergency: 0, templates: [
      '{thank you|dhanyavad|shukriya} Indian Railways {aaram ki journey ke liye|saaf coach ke liye|turant help ke liye}',
      '{khabar|news}: $station ke paas {kal|pichle hafte|2018 me} {rail haadsa|aag ki ghatna} hui thi, {jaanch ke order diye|RIP}',
      '$station aur Delhi ke beech {nayi Vande Bharat|nayi train} kab shuru hogi?',
      'train $train $station pe kis platform pe aayegi?',
      'railway ne $station haadse ke peediton ke liye muavza announce kiya',
    ],
  },
];
