import type { Post } from './posts';

/**
 * Hinglish posts (Hindi in Latin letters with English words and SMS spellings), written one by one for this project
 * from general knowledge of how passengers post to the railways' handles, covering the labelling rules' list of
 * emergencies (stranded passengers, medicine run out, forced occupation, goons and weapons, electric danger, crowds)
 * and their near misses; labels follow ../shared/data/README.md's rules.
 */
export const TWEETS_RULES_HINGLISH: Post[] = [
  // ================= emergencies: passenger stranded in danger
  ['@RPF_INDIA sir meri wife $station pe paani lene utri thi aur train chal padi. wo raat ke 1 baje akeli platform pe h aur 3 ladke uske peeche peeche ghoom rahe h. plz abhi kisi ko bhejo 🙏', 1, 'women_safety', 'hinglish'],
  ['papa galti se ek sunsaan halt pe utar gaye aur train chal di. wahan na light h na koi staff, jungle jaisa h aur raat ke 2 baje h. 72 saal ke h, phone ki battery khatam hone wali h. $train plz madad karo', 1, 'safety_incident', 'hinglish'],
  ['train $station ke aage pul se pehle khadi h, patri pe paani chadh raha h aur paydaan tak aa gaya. 4 ghante se koi nhi aaya, log ghabra ke chilla rahe h. rescue bhejo #RailMadad', 1, 'safety_incident', 'hinglish'],
  ['46 degree garmi, train $hours ghante se beech jungle me khadi h, AC band, paani khatam. saamne wali naani behosh ho gayi h aur ek bacche ko ulti ho rahi h. doctor aur paani bhejo abhi $train $coach', 1, 'medical', 'hinglish'],
  ['mai akeli hu $station platform $platform pe, last train nikal gayi aur waiting room pe taala h. ek aadmi kab se ghoor raha h aur paas aake number maang raha h. koi mahila police bhejo plz', 1, 'women_safety', 'hinglish'],
  ['hum 40-50 log $station ke paas patri ke beech fase h, train ruk gayi aur staff ne paidal jaane ko bola. andhera h aur bagal wali line pe trains tez speed se guzar rahi h. bacche saath h, kisi ko bhejo', 1, 'safety_incident', 'hinglish'],
  ['train signal pe 3 ghante se khadi h, dibbe me dam ghut raha h. sasur ji dil ke mareez h, saans nhi le pa rahe, hont neele pad rahe. $train $coach jaldi doctor', 1, 'medical', 'hinglish'],

  // ================= emergencies: medicine needed now
  ['sir urgent, meri 9 saal ki beti type 1 diabetic h, uska insulin wala bag $station pe chhoot gaya. sugar badh rahi h aur wo sust padi h. agle station pe insulin chahiye plz $train $coach', 1, 'medical', 'hinglish'],
  ['mummy ki BP ki dawai khatam ho gayi, ab sar me bahut tez dard aur chakkar h, machine me 190 aa raha. $coach berth $berth. doctor ya dawai bhejo plz', 1, 'medical', 'hinglish'],
  ['bhai ko asthma ka attack aa raha h aur inhaler khali ho gaya. saans ke saath seeti baj rahi h. $train $coach koi bhi madad karo jaldi 🙏', 1, 'medical', 'hinglish'],
  ['saath wale passenger ko mirgi ka daura pada h, muh se jhaag aa raha h aur jhatke ruk nhi rahe. uske paas koi dawai nhi. doctor bhejo $coach $train', 1, 'medical', 'hinglish'],
  ['koi glucose ya meetha bhejo plz, beta diabetic h, train late hone se khana nhi mila aur ab wo kaanp raha h, paseena aa raha. pantry band h. $coach $train', 1, 'medical', 'hinglish'],
  ['dadi ko dialysis ke liye le ja rahe h, train $hours ghante late h aur ab unke pair soojh gaye h, saans phool rahi h. $station pe ambulance chahiye plz', 1, 'medical', 'hinglish'],

  // ================= emergencies: berths occupied by force
  ['hamari 4 confirm berth pe 8-10 log zabardasti baithe h, bolne pe gaali de rahe h aur bol rahe neeche baith ja warna dekh lenge. wife aur bacche darr ke khade h. PNR $pnr $coach', 1, 'security', 'hinglish'],
  ['bina ticket wale dibbe me ghus aaye h aur ladies ko dhakka de ke berth khali karwa rahe h, ek aunty gir gayi. TTE bhi chhup gaya. $train $coach RPF bhejo', 1, 'security', 'hinglish'],
  ['upper berth wale ladko ne meri seat chheen li aur saman phenk rahe h, papa ne roka to unka collar pakad liya. PNR $pnr plz help jaldi', 1, 'security', 'hinglish'],
  ['hamare cabin me 6 log ghus aaye h sab nashe me, bol rahe ye seat humari h. ek ke haath me danda h. hum do buzurg h akele. $train $coach', 1, 'security', 'hinglish'],
  ['ek group ne poora bay gher liya h, family ko baithne nhi de rahe aur mere pati ko dhamka rahe h ki agle station pe utaar ke maarenge. PNR $pnr koi sun nahi raha', 1, 'security', 'hinglish'],
  ['TTE ke saamne hi 5-6 log hamari reserved seats pe kabza karke baithe h, usne kuch nhi kiya. ab wo log mere bhai ko dhakka de rahe h aur gaali bak rahe h. PNR $pnr help', 1, 'security', 'hinglish'],

  // ================= emergencies: extortion, goons, weapons, stones, fights, drunks
  ['ek group har seat pe jaake 200-200 rupay maang raha h, na do to bahar phenk denge bol rahe. sab darr ke de rahe h. $train $coach abhi chal raha h ye', 1, 'security', 'hinglish'],
  ['5-6 goonde type ladke general dibbe me logo ke phone aur paise chheen rahe h, virodh karne wale ko laat maar rahe. $station se chadhe the. police bhejo turant', 1, 'security', 'hinglish'],
  ['$station ke baad kisi ne patthar maare, khidki ka kaanch toot ke bacche ke sar pe laga, khoon nikal raha h. patthar abhi bhi aa rahe h. $coach', 1, 'security', 'hinglish'],
  ['coach me do group me ladai ho gayi h, belt aur bottle se maar rahe h, ek aadmi neeche gira pada h. bacche ro rahe h. $train $coach turant RPF', 1, 'security', 'hinglish'],
  ['sharabi log raat bhar se hungama kar rahe h, ab ladies berth ke paas aake gaali de rahe h aur jo mana kare usko maarne daudte h. $coach PNR $pnr', 1, 'security', 'hinglish'],
  ['pantry wale aur ek passenger me jhagda hua, ab pantry ke 6-7 log danda leke aa gaye aur us passenger ko peet rahe h. $train pantry ke bagal wala coach', 1, 'security', 'hinglish'],
  ['kuch log pistol jaisa kuch dikha ke sabko chup baithne bol rahe h. $train $coach, toilet me chhup ke likh raha hu. RPF ko batao', 1, 'security', 'hinglish'],
  ['plz jldi aao $coach me ldai ho rhi h, ek ne chaku nikal liya', 1, 'security', 'hinglish'],

  // ================= emergencies: electric danger
  ['charging socket me phone lagate hi dhamaka hua aur chingari nikli, ab socket se dhuan aa raha h aur plastic pighal raha h. $coach $train jaldi', 1, 'safety_incident', 'hinglish'],
  ['toilet ke paas bijli ka nanga taar latak raha h aur farsh geela h, log usi ke paas se guzar rahe h, bacche bhi. $coach abhi kisi ko bhejo', 1, 'safety_incident', 'hinglish'],
  ['mere bhai ko berth ke paas wale metal panel se current laga, wo gir pada aur haath abhi tak sunn h. panel me ab bhi current h, koi aur chhoo lega. $coach $train', 1, 'safety_incident', 'hinglish'],
  ['vestibule ke upar wale electric box se kala dhuan nikal raha h aur chat chat ki awaz aa rahi h. train chal rahi h. $train $coach turant roko', 1, 'safety_incident', 'hinglish'],
  ['platform $platform pe upar se bijli ka taar toot ke paani me gira h aur log uske paas se chal rahe h. $station pe kisi ko bhejo abhi', 1, 'safety_incident', 'hinglish'],
  ['baarish me khidki ki railing me current aa raha h, do logo ko jhatka lag chuka. sab geela h. $coach $train', 1, 'safety_incident', 'hinglish'],

  // ================= emergencies: dangerous crowd
  ['$station ke foot over bridge pe bhayankar bheed h, platform achanak badla aur sab bhaage. log seedhiyon pe gir rahe h, ek aunty dab gayi. abhi police bhejo', 1, 'safety_incident', 'hinglish'],
  ['general dibbe me itni bheed h ki ek ladka behosh ho ke logo ke beech latka h, gir bhi nhi pa raha. saans lene ki jagah nhi. $train GS', 1, 'safety_incident', 'hinglish'],
  ['mele ki wajah se $station platform $platform pe hazaron log h, darwaze pe dhakka mukki me 2 log patri pe gir gaye. bheed sambhalne wala koi nhi. RPF bhejo', 1, 'safety_incident', 'hinglish'],
  ['$station ke entry gate pe bheed atak gayi h, peeche se dhakka aa raha h, log chilla rahe mar jayenge. police chahiye abhi', 1, 'safety_incident', 'hinglish'],

  // ================= emergencies: harassment and molestation
  ['ek aadmi neeche ki berth se baar baar mera pair chhoo raha h, jaagti hu to sone ka natak karta h. $coach berth $berth, akeli hu. plz help', 1, 'women_safety', 'hinglish'],
  ['ek aadmi phone se ladkiyon ki photo kheench raha h, mana kiya to gandi gaaliyan de raha h aur ab peeche peeche aa raha h. $train $coach', 1, 'women_safety', 'hinglish'],
  ['mai aur meri dost $coach me h, 3 ladke ghante bhar se chhed rahe h, ab hamari seat pe aake baith gaye aur haath pakadne ki koshish ki. koi staff nhi h', 1, 'women_safety', 'hinglish'],
  ['TTE ko bataya to hansne laga. ek aadmi raat bhar gande ishare kar raha h aur ab upar ki berth se jhaank raha h. akeli ladki hu bahut dar lag raha h PNR $pnr', 1, 'women_safety', 'hinglish'],
  ['ladies compartment me ek sharabi ghus aaya h, ashleel harkatein kar raha h aur aurton pe chilla raha h. agla station door h. $train jaldi RPF', 1, 'women_safety', 'hinglish'],
  ['wife ko toilet ke paas ek aadmi ne pakad liya, wo chillayi to bhaag ke agle coach me chala gaya. wo train me hi h, wife kaanp rahi h. $coach $train', 1, 'women_safety', 'hinglish'],

  // ================= emergencies: snatching, theft just now
  ['abhi abhi khidki se haath daal ke koi meri wife ki $item kheench le gaya, $station pe train dheere hui thi. gardan pe kharoch h. RPF ko batao', 1, 'security', 'hinglish'],
  ['aankh lagi thi, utha to $item gayab aur bagal wali seat ka aadmi bhi gayab. 10 min pehle tak tha. train $station pahunchne wali h usko pakdo plz', 1, 'security', 'hinglish'],
  ['platform $platform pe meri maa ka purse chheen ke 2 ladke bhaage, maa dhakke se gir gayi. abhi abhi hua $station', 1, 'security', 'hinglish'],
  ['chain snatcher $coach me h, ek aunty ki chain todi aur ab dusri taraf bhaag raha h. neeli jacket pehni h. $train RPF alert karo', 1, 'security', 'hinglish'],

  // ================= emergencies: missing child or person
  ['mera 5 saal ka beta $station pe bheed me haath chhuda ke bhaag gaya, 20 minute se nhi mil raha. laal t-shirt h. platform $platform. announcement aur RPF plz', 1, 'child', 'hinglish'],
  ['beti train ke andar hi thi, ab kahin nhi dikh rahi, sab coach dekh liye. 8 saal ki h, do choti. train $station ke baad chal rahi h $train', 1, 'child', 'hinglish'],
  ['ek 6-7 saal ki bachchi platform $platform pe akeli ro rahi h, mummy papa ka naam nhi bata pa rahi, kaafi der se koi nhi aaya. hum uske paas h. RPF bhejo $station', 1, 'child', 'hinglish'],
  ['dadaji ko bhoolne ki bimari h, $station pe toilet gaye aur wapas nhi aaye, train chal padi. 78 saal ke h, safed kurta. plz dhundo', 1, 'security', 'hinglish'],
  ['papa $train se aa rahe the, $station ke baad se phone band h aur co passenger bol raha wo ghante bhar se seat pe nhi h. $coach berth $berth plz check karwao', 1, 'security', 'hinglish'],

  // ================= emergencies: labour, heart, injury, fainting
  ['wife ko 8 mahine chal rahe h, achanak paani jaisa nikla aur dard badh raha h. $train $coach, agla station $station. lady doctor aur ambulance ready rakho plz', 1, 'medical', 'hinglish'],
  ['uncle ne seene pe haath rakha aur gir pade, ab bahut dheere saans le rahe h. $coach $train. koi CPR jaanta ho to aao, railway doctor bhejo', 1, 'medical', 'hinglish'],
  ['darwaze pe khade ladke ka pair platform aur train ke beech fas gaya, haddi dikh rahi h. $station platform $platform. ambulance abhi', 1, 'medical', 'hinglish'],
  ['bhai mere saath wali seat pe aunty behosh ho gyi h, paani bhi nhi pi rhi. $coach jldi', 1, 'medical', 'hinglish'],
  ['middle berth ki chain tooti aur berth neeche sote hue uncle pe gir gayi, sar se khoon aa raha h. $coach $train berth $berth', 1, 'medical', 'hinglish'],

  // ================= emergencies: fire, smoke, doors, structures, accidents, divyangjan
  ['aag aag!! $coach ke pichle hisse me aag lagi h, log bhaag rahe h, train abhi ruki nhi. $train', 1, 'safety_incident', 'hinglish'],
  ['AC ke vent se dhuan nikal raha h, poora coach dhundhla ho gaya aur aankhon me jalan h. koi staff nhi aaya, 139 bhi nhi utha. $coach $train', 1, 'safety_incident', 'hinglish'],
  ['khidki se dikh raha h pahiye ke paas se chingari aur lapte nikal rahi h, dibbe me jalne ki smell. train roko abhi $train $coach', 1, 'safety_incident', 'hinglish'],
  ['darwaza band hi nhi ho raha, hawa se khul ke baar baar takra raha h aur 2 chhote bacche wahi khade h. train tez h. $coach', 1, 'safety_incident', 'hinglish'],
  ['upar ki khidki ka sheesha dheela ho ke berth pe gira, ek aunty ke haath pe kaanch laga. baaki sheesha bhi hil raha h neeche bacche h. $coach $train', 1, 'safety_incident', 'hinglish'],
  ['$station platform $platform pe shed ki tin aandhi me udd ke gir rahi h, log neeche khade h, ek aadmi ko lag bhi gayi. area khali karwao jaldi', 1, 'safety_incident', 'hinglish'],
  ['abhi $station pe ek aadmi patri paar karte hue train ki chapet me aa gaya, zinda h par bahut khoon beh raha. platform $platform ke end pe. ambulance bhejo', 1, 'safety_incident', 'hinglish'],
  ['$station pe foot overbridge ki seedhi ka ek hissa toot gaya, 3-4 log neeche gire, ek ke sar pe chot. abhi hua h', 1, 'safety_incident', 'hinglish'],
  ['bhai wheelchair pe h, train chal padi aur wo darwaze me phas gaya, aadha andar aadha bahar. $station platform $platform. koi madad karo jaldi', 1, 'divyangjan', 'hinglish'],
  ['divyang coach me ek nashedi ghus aaya h, wheelchair wale passenger ko maar raha h aur unka saman chheen raha h. wo bhaag bhi nhi sakte. $train', 1, 'divyangjan', 'hinglish'],

  // ================= emergencies inside a rant about something else
  ['sir pehle to train $hours ghante late, phir pantry ka khana basi, toilet me paani nhi. ye sab chhodo, ab suno: coach me 4 log daru pi ke aaye h aur meri wife aur behen pe comment kar rahe h, ek ne behen ka haath pakda. TTE gayab h. PNR $pnr jaldi kuch karo', 1, 'women_safety', 'hinglish'],
  ['AC 3 din se kharab, 3 complaint kiye koi nhi aaya, bedroll bhi ganda. aur ab AC ke panel se chingari nikal rahi h aur taar jalne ki smell poore coach me h. bacche so rahe h. abhi kisi ko bhejo $coach $train', 1, 'safety_incident', 'hinglish'],
  ['refund aaj tak nhi aaya pichli baar ka, wo alag baat h. abhi problem ye h ki papa ko chakkar aaya aur gir gaye, theek se bol nhi pa rahe, muh ek taraf jhuk gaya h. $station pe doctor chahiye PNR $pnr', 1, 'medical', 'hinglish'],

  // ================= feedback: near misses of the emergency topics
  ['pichle hafte $train me mera $item chori hua tha, GRP $station me FIR likhwayi. koi update nhi, FIR ki copy bhi nhi di. status batao plz', 0, 'security', 'hinglish'],
  ['RPF raat ki trains me patrolling badhao, $station ke aas paas chain snatching roz ki baat ho gayi h', 0, 'security', 'hinglish'],
  ['kal raat coach me sharabi the, RPF aayi aur utaar diya. par aise log chadh kaise jaate h? checking badhao', 0, 'security', 'hinglish'],
  ['last month $station pe mera purse chheena gaya tha, CCTV footage maangi to bola camera band tha. kamaal h', 0, 'security', 'hinglish'],
  ['sleeper me general ticket wale bhar gaye h, hum apni berth pe sikud ke baithe h. koi jhagda nhi bas jagah nhi h. TTE ko check karna chahiye PNR $pnr', 0, 'reservation_berth', 'hinglish'],
  ['TTE berth ke liye Rs $amount maang raha h, sab waiting walo se le raha h. raseed ka naam lo to chup. $train', 0, 'corruption', 'hinglish'],
  ['toilet ke darwaze ki kundi dheeli h, andar se lock nhi lagta. $coach repair karwao plz', 0, 'maintenance', 'hinglish'],
  ['ladies coach me raat ko koi RPF nhi hota, pichle mahine kuch ladke ghus aaye the tab bahut dar laga tha. is route pe kuch karo', 0, 'women_safety', 'hinglish'],
  ['announcement system itna kharab h ki kal ek baccha kho gaya to koi sun hi nhi paya. baad me mil gaya par system theek karo $station', 0, 'child', 'hinglish'],
  ['$station pe koi doctor ya first aid room nhi h, kal ek yatri ko chakkar aaya to ghanta bhar wait karna pada. ye kaisi vyavastha h', 0, 'medical', 'hinglish'],
  ['kal raat mummy ki tabiyat ke liye 139 pe doctor maanga tha, 40 min baad call aaya. tab tak wo theek ho gayi thi par aise kaise chalega', 0, 'medical', 'hinglish'],
  ['coach ke fire extinguisher ki expiry 2 saal pehle ki h. abhi kuch hua nhi par ye check kaun karega? $coach $train', 0, 'safety_incident', 'hinglish'],
  ['$station ke paas wale phatak pe roz log jaan jokhim me daal ke patri paar karte h. wahan gate lagao, koi hadsa hone se pehle', 0, 'safety_incident', 'hinglish'],
  ['mera bag 3 din pehle $train me chori hua tha, RPF ko complaint kiya, ab tak koi call nhi. bag me certificates the plz dhundo', 0, 'luggage', 'hinglish'],
  ['divyang coach me general wale bhar jaate h, mere bhai ko baithne ki jagah nhi mili. RPF check kare is route pe', 0, 'divyangjan', 'hinglish'],
  ['SOS!!! $train $hours ghante se late h, subah se $station pe baithe h. koi to batao kab aayegi 😭', 0, 'punctuality', 'hinglish'],
  ['emergency h bhai!! $train cancel kar di bina bataye aur kal mera interview h. koi alternate batao', 0, 'punctuality', 'hinglish'],
  ['plz help sir 🙏 tatkal ka paisa kat gaya, ticket bana nhi, 5 din ho gaye refund nhi. Rs $amount. transaction id DM me h', 0, 'ticketing', 'hinglish'],
  ['help urgent!! AC 2 ghante se band h, garmi se bura haal. $coach $train', 0, 'electrical', 'hinglish'],
  ['bahut urgent h sir, wife aur bacche ki berth alag alag coach me h, TTE badalne ko nhi bol raha. PNR $pnr', 0, 'reservation_berth', 'hinglish'],

  // ================= feedback: ordinary complaints
  ['cockroach hi cockroach h $coach me, berth pe, khane pe sab jagah 🤮 pest control kab hua tha?', 0, 'cleanliness', 'hinglish'],
  ['raat bhar chuhe daudte rahe, mere bag me chhed kar diya. $train $coach. ganda haal h', 0, 'cleanliness', 'hinglish'],
  ['seat ke neeche chips ke packet, bottle, khane ka kachra. 12 ghante se koi safai wala nhi aaya $coach', 0, 'cleanliness', 'hinglish'],
  ['toilet ki badbu berth $berth tak aa rahi h. phenyl to daal do kam se kam @RailwaySeva', 0, 'cleanliness', 'hinglish'],
  ['washroom me paani khatam, nal se bas hawa aa rahi h. $coach $train. jaldi bharwao plz', 0, 'water', 'hinglish'],
  ['platform $platform ke RO cooler se garam aur ganda paani aa raha h $station. pine layak nhi', 0, 'water', 'hinglish'],
  ['AC chal raha h par cooling zero, attendant bolta h gas khatam. 3AC ka kiraya kis baat ka? $coach PNR $pnr', 0, 'electrical', 'hinglish'],
  ['berth $berth ka pankha nhi chal raha aur reading light bhi band. garmi me neend nhi aa rahi $coach', 0, 'electrical', 'hinglish'],
  ['$station se poore coach ki light gayi hui h, andhere me baithe h. electrician bhejo $coach', 0, 'electrical', 'hinglish'],
  ['charging point dead h berth $berth ke paas, phone 2% pe h. plz theek karwao', 0, 'electrical', 'hinglish'],
  ['pantry ka khana basi tha, paneer se khatti smell aa rahi thi. complain kiya to bola khana h to khao. $train', 0, 'catering', 'hinglish'],
  ['chai 10 ki likhi h board pe aur vendor 20 le raha h, bill maango to hasta h. $station', 0, 'catering', 'hinglish'],
  ['Rail Neer ki jagah koi local brand ki bottle MRP se zyada me bech rahe h. $train', 0, 'catering', 'hinglish'],
  ['pantry wala thali ke Rs $amount le raha h jabki menu me rate kam likha h, bill bhi nhi deta. IRCTC dekho', 0, 'corruption', 'hinglish'],
  ['general counter pe babu chutte ke naam pe 10-20 rupay roz rakh leta h. $station window 3', 0, 'corruption', 'hinglish'],
  ['coach attendant raat bhar sota raha, 3 baar uthaya to chidh ke bola subah aana. $coach $train', 0, 'staff_behaviour', 'hinglish'],
  ['enquiry counter wali madam phone pe lagi rahi, 20 min baad boli mujhe nhi pata. $station', 0, 'staff_behaviour', 'hinglish'],
  ['TTE ne ticket check karte waqt aise chillaya jaise hum chor h, sabke saamne beizzati ki. $train $coach. action lo', 0, 'staff_behaviour', 'hinglish'],
  ['$train aaj phir $hours ghante late. roz ka natak h, daily passengers ka kya?', 0, 'punctuality', 'hinglish'],
  ['bina notice train cancel, SMS bhi nhi aaya. station pe aake pata chala. PNR $pnr', 0, 'punctuality', 'hinglish'],
  ['IRCTC pe Rs $amount ka payment ho gaya, ticket nhi bana aur booking history me bhi kuch nhi. 3 din ho gaye', 0, 'ticketing', 'hinglish'],
  ['TDR 45 din pehle file kiya tha, abhi tak pending dikha raha h. PNR $pnr. kab milega paisa?', 0, 'ticketing', 'hinglish'],
  ['tatkal khulte hi site down, 10:01 pe sab waiting. har baar yahi hota h IRCTC 😤', 0, 'ticketing', 'hinglish'],
  ['RAC 2 tha, chart ke baad bhi RAC hi raha jabki coach me 4 berth khali h. TTE bol raha upar se allot hoga. PNR $pnr', 0, 'reservation_berth', 'hinglish'],
  ['meri confirm berth $berth kisi aur ko de di, TTE bolta h system error h adjust karo. 14 ghante ka safar h', 0, 'reservation_berth', 'hinglish'],
  ['kambal pe daag aur badbu, lagta h mahino se nhi dhula. chadar bhi geeli. $coach $train', 0, 'bedroll', 'hinglish'],
  ['2AC me bedsheet hi nhi di, bola stock khatam. itne paise kis baat ke?', 0, 'bedroll', 'hinglish'],
  ['seat ki gaddi phati hui, khidki jam h khulti hi nhi. $coach', 0, 'maintenance', 'hinglish'],
  ['baarish me chhat se paani tapak raha h berth $berth pe, saman geela ho gaya. $train $coach', 0, 'maintenance', 'hinglish'],
  ['toilet ka flush toota, nal band nhi hota aur wash basin ka pipe nikla pada h $coach', 0, 'maintenance', 'hinglish'],
  ['parcel me bheji bike ka mirror toota mila aur tank pe dent. $station parcel office claim nhi le raha', 0, 'luggage', 'hinglish'],
  ['cloak room me bag rakha tha, lene gaye to bola slip kho gayi to nhi milega. receipt ki photo h mere paas $station', 0, 'luggage', 'hinglish'],
  ['$station pe lift 2 mahine se band h, escalator bhi. wheelchair wale platform $platform pe kaise jaye?', 0, 'divyangjan', 'hinglish'],
  ['wheelchair ke liye ghanta bhar wait kiya $station pe, koi nhi aaya. papa ko god me utha ke le gaye', 0, 'divyangjan', 'hinglish'],
  ['mummy ko side upper aur mujhe doosre coach me middle berth. 65 saal ki h wo, ek saath karwa do plz PNR $pnr', 0, 'reservation_berth', 'hinglish'],

  // ================= not complaints
  ['shukriya @RPF_INDIA, kal raat humari seat pe zabardasti baithe logo ko utaar diya aur hum aaram se soye 🙏', 0, 'other', 'hinglish'],
  ['mummy ka insulin chhoot gaya tha, $station pe railway staff ne pharmacy se la ke diya. aise log bhi h railway me ❤️ thank you', 0, 'other', 'hinglish'],
  ['TTE sir ne papa ke liye lower berth arrange kar di bina kuch liye. sab TTE aise ho 👍 $train', 0, 'other', 'hinglish'],
  ['kal raat Rajdhani me attendant bhaiya ne beemar bacche ke liye garam paani aur extra kambal diya, dil jeet liya', 0, 'other', 'hinglish'],
  ['RPF ne kal $station pe 3 bacchon ko trafficker se chhudaya, salaam h 🫡', 0, 'other', 'hinglish'],
  ['RPF ki Meri Saheli team aaj coach me aayi aur ladies ko helpline number diya, accha laga 👏', 0, 'other', 'hinglish'],
  ['breaking: $station yard me ek khali rake me aag lagi, koi yatri nhi tha. fire brigade ne kaabu paa liya', 0, 'other', 'hinglish'],
  ['khabar: $station pe foot overbridge pe bhagdad me kai log ghayal, railway ne jaanch ke aadesh diye', 0, 'other', 'hinglish'],
  ['kal ke hadse me ghayal logo ke liye blood chahiye, $station ke sarkari hospital me sampark karein. share karo 🙏', 0, 'other', 'hinglish'],
  ['railway ne is saal tyoharon pe {50|100|150} extra trains ka elaan kiya, booking kal se shuru', 0, 'other', 'hinglish'],
  ['kya train me pet kutta le ja sakte h? 1AC ka rule kya h koi batao', 0, 'other', 'hinglish'],
  ['chart ke baad bhi ticket waiting rahe to train me chadh sakte h kya? fine lagega?', 0, 'other', 'hinglish'],
  ['ticket pe naam change karwana ho to kitne din pehle application deni padti h?', 0, 'other', 'hinglish'],
  ['kya $train me ladies quota h? wife pehli baar akeli jayegi, book karne se pehle jaanna tha', 0, 'other', 'hinglish'],
  ['bhai RailMadad app pe complaint karna better h ya twitter pe likhna?', 0, 'other', 'hinglish'],
  ['indian railway ka motto: der aaye durust aaye 😂😂 $train', 0, 'other', 'hinglish'],
  ['train ka khana aur hostel ka khana, dono ka swad ek jaisa 😂', 0, 'other', 'hinglish'],
  ['aaj train me ek uncle ne poore dibbe ko bhajan sunaya, mahaul ban gaya 😂🙏', 0, 'other', 'hinglish'],
  ['good night railway parivar, kal subah jaldi train pakadni h 🙏', 0, 'other', 'hinglish'],
  ['namaste sir, aaj se mai bhi aapko follow kar raha hu 🙏', 0, 'other', 'hinglish'],
  ['pehle kiraya sasta tha aur trains kam, ab trains zyada h par kiraya aasmaan pe. kaunsa vikas?', 0, 'other', 'hinglish'],
  ['bullet train ke paise se hazar nayi general trains chal jaati, socho @RailMinIndia', 0, 'other', 'hinglish'],
  ['follow karo aur paao free recharge 🎁 link bio me, sirf aaj ke liye', 0, 'other', 'hinglish'],
  ['railway TC ki naukri bina exam ke, sirf 50 hazar do. DM karo abhi', 0, 'other', 'hinglish'],
  ['mere gaon ka chhota sa station ab ekdum saaf aur sundar ho gaya h, shukriya railway 🌸', 0, 'other', 'hinglish'],
  ['ye photo $station ki h ya kisi airport ki? 😍 gazab badlav', 0, 'other', 'hinglish'],
  ['beta bolta h bada hoke loco pilot banega, aaj poori train ki photo kheechi usne 😄', 0, 'other', 'hinglish'],
  ['thank u sir, refund aa gaya 🙏', 0, 'other', 'hinglish'],
  ['sir ek suggestion h, har coach me QR code lagao jisse complaint seedhe pahunch jaye', 0, 'other', 'hinglish'],
  ['senior citizen ko tatkal me koi quota milta h kya? koi jaankar batao', 0, 'other', 'hinglish'],
];
