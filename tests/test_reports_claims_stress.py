"""A stress set for claims: short news-style texts written for these tests (never taken from a
real corpus), in the styles of wire items, Telegram posts and longer articles, English and
Russian. Half tell real attributions; the other half are look-alikes that must give no claim
(negated or withheld speech, questions, conditionals, claims about other events or the war in
general, quotes about consequences), and some tell a cause in ways the rule matcher used to
miss ("due to a blast", a lead whose source is named later, the railway's own statement).

Stances are compared in the real corpus's convention: a cause stated as fact is one stance
("asserts" and "attributes" are not told apart); "denies" and "speculates" are their own.
"""

from datetime import date

import pytest

from railwatch.reports.evaluate import _claimant_matches, _gold_claimants
from railwatch.reports.extract.extract import extract_incidents

PUBLISHED = date(2025, 6, 2)

# (language, text with its headline, expected claims); [] where no claim may be found
STRESS: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    # --- real attributions -------------------------------------------------------------------
    ("en", "Freight train derails in Kursk region\n\nA freight train derailed near Lgov "
           "station on Sunday morning, the regional governor said. The governor said an "
           "explosive device had gone off under the locomotive as it passed.",
     [("governor", "asserts", "explosive_device")]),
    ("en", "Rail bridge blown up in Bryansk region\n\nUkraine's military intelligence said "
           "on Monday that its agents had blown up a railway bridge near Unecha used to "
           "carry fuel to the front.",
     [("HUR", "asserts", "sabotage")]),
    ("en", "Train derails after blast\n\nA passenger train derailed near Kirovsk on Sunday. "
           "Investigators have opened a criminal case on charges of terrorism.",
     [("Investigative Committee", "attributes", "terrorist_attack")]),
    ("en", "Wagons leave track in Amur region\n\nTwenty coal wagons derailed between two "
           "stations on the Trans-Siberian on Sunday. The regional transport prosecutor's "
           "office said the wagons left the track because of a broken rail.",
     [("transport prosecutors", "asserts", "technical_fault")]),
    ("en", "Embankment washed out\n\nA section of track near Tynda station was closed on "
           "Sunday after the embankment gave way. Local officials said heavy rain may have "
           "washed out the embankment.",
     [("regional authorities", "speculates", "weather")]),
    ("en", "Tank wagons derail near Kirovsk\n\nFifteen empty tank wagons derailed near "
           "Kirovsk station on Sunday. Russian Railways denied reports that saboteurs had "
           "damaged the track, saying a rail had cracked under the load.",
     [("Russian Railways", "denies", "sabotage"),
      ("Russian Railways", "asserts", "technical_fault")]),
    ("en", "Blast on rail line near Kirovsk\n\nTraffic on the section between Kirovsk and "
           "Lgov was suspended on Sunday due to an explosion, Russian Railways said.",
     [("Russian Railways", "asserts", "explosion")]),
    ("en", "Wagons derail near Kirovsk\n\nSix wagons of a freight train derailed near Kirovsk "
           "on Sunday. Russian Railways said on Sunday that freight traffic "
           "near Kirovsk was suspended due to a track defect found by a patrol.",
     [("Russian Railways", "asserts", "technical_fault")]),
    ("en", "Russia blames Kyiv for rail blast\n\nAn explosion damaged the track near Kirovsk "
           "station on Sunday. Russia's Investigative Committee said it had opened a "
           "criminal case into a terrorist attack.",
     [("Investigative Committee", "attributes", "terrorist_attack")]),
    ("en", "Drone hits locomotive at Kirovsk\n\nA drone hit a diesel locomotive at Kirovsk "
           "station overnight. The driver was taken to hospital with burns. Regional "
           "governor Ivan Petrov reported this on his Telegram channel in the morning.",
     [("governor", "asserts", "drone")]),
    ("en", "Fire at rail depot\n\nA fire broke out at the Kirovsk rail depot overnight. The "
           "regional emergencies ministry said the fire was caused by a short circuit in a "
           "locomotive.",
     [("Ministry of Emergency Situations", "asserts", "short_circuit")]),
    ("en", "Relay cabinet set alight\n\nA relay cabinet on the line near Kirovsk was set on "
           "fire on Saturday night, transport police said. Police said they suspect two "
           "teenagers of arson.",
     [("transport police", "asserts", "arson"), ("transport police", "speculates", "arson")]),
    ("en", "Freight train derails\n\nKommersant, citing its own sources, reported that a "
           "bomb went off under the fourth wagon of the train.",
     [("Kommersant", "asserts", "explosive_device")]),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk on Sunday. "
           "Investigators did not rule out sabotage, the regional governor said.",
     [("investigators (via governor)", "speculates", "sabotage")]),
    # --- look-alikes that make no claim --------------------------------------------------
    ("en", "Freight train derails near Kirovsk\n\nOfficials at Russian Railways did not say "
           "what caused the wagons to leave the track.", []),
    ("en", "Wagons derail in Kursk region\n\nWas it sabotage? Investigators have yet to "
           "say what caused the derailment.", []),
    ("en", "Blast near Kirovsk\n\nIf the blast is confirmed as sabotage, it would be the "
           "third attack on the line this month, the governor said.", []),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk on Sunday. "
           "Police said they could not rule anything out at this stage.", []),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk on Sunday. "
           "Kyiv has stepped up its campaign against Russian logistics this year, and the "
           "SBU says its drones have hit dozens of fuel depots.", []),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk on Sunday. "
           "Russian Railways said the derailment had forced it to reroute twelve passenger "
           "trains.", []),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk on Sunday. "
           "In March the FSB said Ukrainian saboteurs had blown up a bridge in the same "
           "district.", []),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk on Sunday. "
           "Neither Kyiv nor Moscow has commented on what caused the crash.", []),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk on Sunday. "
           "It was not immediately clear whether a drone was involved.", []),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk on Sunday. "
           "\"Who else would gain from a train coming off the rails?\" the governor asked "
           "reporters.", []),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk on Sunday. "
           "Kremlin spokesman Dmitry Peskov said attacks on Russian railways amount to "
           "terrorism.", []),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk on Sunday. "
           "Ukraine's General Staff said its forces had struck an ammunition depot in "
           "Crimea overnight.", []),
    # --- Russian: real attributions ----------------------------------------------------------
    ("ru", "Сход вагонов в Курской области\n\nПо данным телеграм-канала Baza, под локомотивом "
           "сработало самодельное взрывное устройство.",
     [("Baza", "asserts", "explosive_device")]),
    ("ru", "Подрыв путей под Кировском\n\nСК возбудил уголовное дело по статье о теракте.",
     [("Investigative Committee", "attributes", "terrorist_attack")]),
    ("ru", "Пожар на станции Кировск\n\nГубернатор области сообщил, что пожар на станции "
           "возник из-за падения обломков беспилотника.",
     [("governor", "asserts", "drone")]),
    ("ru", "Взрыв на железной дороге у Кировска\n\nВ РЖД сообщили, что движение на перегоне "
           "Кировск — Лгов приостановлено из-за взрыва на путях.",
     [("Russian Railways", "asserts", "explosion")]),
    ("ru", "Сход вагонов под Кировском\n\nВ воскресенье у станции Кировск сошли с рельсов "
           "12 вагонов. По предварительным данным транспортной прокуратуры, причиной схода "
           "стал излом рельса.",
     [("transport prosecutors", "asserts", "technical_fault")]),
    ("ru", "Подрыв поезда с топливом\n\nВ ГУР заявили, что поезд с горючим подорвали "
           "местные партизаны.",
     [("HUR", "asserts", "sabotage")]),
    ("ru", "Сход поезда\n\nВ воскресенье у станции Кировск сошли с рельсов 10 вагонов. В РЖД "
           "опровергли сообщения о диверсии, назвав причиной схода неисправность вагона.",
     [("Russian Railways", "denies", "sabotage"),
      ("Russian Railways", "asserts", "technical_fault")]),
    ("ru", "Беспилотник атаковал локомотив\n\nНочью беспилотник атаковал тепловоз на станции "
           "Кировск, машинист ранен. Поезд задержан на три часа. Об этом утром сообщил "
           "губернатор области в своём канале.",
     [("governor", "asserts", "drone")]),
    ("ru", "Сход вагонов\n\nВ воскресенье у станции Кировск сошли с рельсов 10 вагонов. "
           "Следователи не исключают версию диверсии.",
     [("Investigative Committee", "speculates", "sabotage")]),
    # --- Russian: look-alikes --------------------------------------------------------------
    ("ru", "Сход вагонов у Кировска\n\nВ воскресенье у станции Кировск сошли с рельсов 10 "
           "вагонов. В РЖД не подтвердили информацию о подрыве.", []),
    ("ru", "Сход вагонов у Кировска\n\nВ воскресенье у станции Кировск сошли с рельсов 10 "
           "вагонов. Причины схода пока не называются.", []),
    ("ru", "Пожар у Кировска\n\nНочью у станции Кировск загорелся релейный шкаф. Был ли это "
           "поджог, пока неизвестно.", []),
    ("ru", "Взрыв у Кировска\n\nНочью у станции Кировск прогремел взрыв. Если версия о "
           "диверсии подтвердится, это будет уже третий случай за месяц, заявил губернатор.",
     []),
    ("ru", "Сход вагонов у Кировска\n\nВ воскресенье у станции Кировск сошли с рельсов 10 "
           "вагонов. Губернатор заявил, что пострадавших нет, а движение восстановят к "
           "вечеру.", []),
    ("ru", "Сход вагонов у Кировска\n\nВ воскресенье у станции Кировск сошли с рельсов 10 "
           "вагонов. В прошлом году ФСБ сообщала, что подростки подожгли релейный шкаф в "
           "соседнем районе.", []),
    ("ru", "Сход вагонов у Кировска\n\nВ воскресенье у станции Кировск сошли с рельсов 10 "
           "вагонов. Украина регулярно атакует железные дороги России, заявили в "
           "Минобороны.", []),
    ("ru", "Сход вагонов у Кировска\n\nВ воскресенье у станции Кировск сошли с рельсов 10 "
           "вагонов. Песков отказался отвечать на вопрос, была ли это диверсия.", []),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk on Sunday. "
           "Moscow has accused Kyiv of a string of sabotage attacks on the railway.", []),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk on Sunday. "
           "\"The line will reopen by Tuesday,\" a Russian Railways spokesman said, declining "
           "to speculate on whether a drone was to blame.", []),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk on Sunday. "
           "The SBU, which has claimed several similar attacks this spring, did not comment.",
     []),
    ("en", "Drone attack on Kirovsk station\n\nDrone attack on Kirovsk station: the contact "
           "line was damaged and trains are running late — governor Ivan Petrov.",
     [("governor", "asserts", "drone")]),
    ("ru", "Сход вагонов у Кировска\n\nВ воскресенье у станции Кировск сошли с рельсов 10 "
           "вагонов. Губернатор призвал жителей не распространять слухи о диверсии.", []),
    ("ru", "Сход вагонов у Кировска\n\nВ воскресенье у станции Кировск сошли с рельсов 10 "
           "вагонов. Очевидцы рассказали о громком хлопке перед тем, как вагоны сошли с "
           "рельсов.", []),
    ("ru", "Сход вагонов у Кировска\n\nВ воскресенье у станции Кировск сошли с рельсов 10 "
           "вагонов. Как отмечает Baza, в прошлом месяце на этом же перегоне уже сходил "
           "поезд из-за излома рельса.", []),
    ("ru", "Беспилотник атаковал тепловоз\n\nВ Кировске беспилотник атаковал тепловоз. "
           "Машинист ранен. Подробности уточняются.", []),
    # --- a lead that tells the cause, its source named further on ---------------------------
    ("en", "Drone debris cuts power on Kirovsk line\n\nFalling drone debris damaged the "
           "overhead line near Kirovsk station overnight, delaying 14 trains. Russian "
           "Railways said on its Telegram channel that power had been restored by morning.",
     [("Russian Railways", "asserts", "drone")]),
    ("ru", "Сход вагонов у Кировска\n\nУ станции Кировск грузовой поезд столкнулся с "
           "трактором, который выехал на пути. Сошли с рельсов 6 вагонов. Движение "
           "поездов на участке приостановлено, сообщили в пресс-службе РЖД.",
     [("Russian Railways", "asserts", "safety_violation")]),
    # the party named later only withholds: the lead stays the report's own
    ("en", "Drone debris cuts power on Kirovsk line\n\nFalling drone debris damaged the "
           "overhead line near Kirovsk station overnight, delaying 14 trains. Russian "
           "Railways has not commented on the incident.", []),
    # a party quoted early does not speak for narration several sentences on
    ("ru", "Сход вагонов у Кировска\n\nВ воскресенье у станции Кировск сошли с рельсов 10 "
           "вагонов. Видео с места публикует Baza. На месте работают восстановительные "
           "поезда. Пассажирские поезда идут с задержкой. Инцидент произошёл, когда "
           "грузовик выехал на переезд перед поездом.", []),
    ("en", "Drone hits fuel train\n\nA drone struck a fuel train near Kirovsk station "
           "overnight. That's according to the Baza Telegram channel.",
     [("Baza", "asserts", "drone")]),
    # --- headline verbs, older events, open questions ----------------------------------
    ("en", "Russia blames Kyiv for rail blast\n\nThe FSB said Ukrainian saboteurs blew up the track near Kirovsk station on Sunday, derailing a freight train.",
     [("FSB", "asserts", "sabotage")]),
    ("en", "Moscow accuses Ukraine of derailing train\n\nA freight train derailed near Kirovsk station on Sunday after an explosion. Russia's Investigative Committee opened a terrorism case.",
     [("Investigative Committee", "attributes", "terrorist_attack")]),
    ("ru", "Россия обвинила Украину в подрыве поезда\n\nВ воскресенье у станции Кировск сошёл с рельсов грузовой поезд. В ФСБ заявили, что пути подорвали украинские диверсанты.",
     [("FSB", "asserts", "sabotage")]),
    ("en", "Ukraine claims train blast\n\nA freight train derailed near Kirovsk station on Sunday after a blast. A source in Ukraine's military intelligence told reporters that partisans had planted explosives.",
     [("source in HUR", "asserts", "explosive_device")]),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk station on Sunday. Russian Railways said the cause was being investigated. Earlier this year, saboteurs blew up a bridge nearby, the FSB said.",
     []),
    ("ru", "Сход поезда у Кировска\n\nВ воскресенье у станции Кировск сошёл с рельсов грузовой поезд. Губернатор заявил, что угрозы для жителей нет. По словам губернатора, ранее в области уже были попытки поджога релейных шкафов.",
     []),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk station on Sunday. The governor said he was waiting for investigators to establish whether sabotage was involved.",
     [("governor", "speculates", "sabotage")]),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk station on Sunday. Asked whether a drone could have caused the crash, the governor said it was too early to say.",
     []),
    ("ru", "Сход поезда у Кировска\n\nВ воскресенье у станции Кировск сошёл с рельсов грузовой поезд. Могла ли причиной стать диверсия, в РЖД не ответили.",
     []),
    # the party named later is only the source of a detail: the lead stays the report's own
    ("ru", "Ливни размыли насыпь у Кировска\n\nИз-за проливных дождей ночью размыло насыпь "
           "у станции Кировск, движение закрыто. По данным дороги, задерживаются шесть "
           "пассажирских поездов.", []),
    ("en", "Rain washes out track near Kirovsk\n\nHeavy rain washed out the embankment near "
           "Kirovsk station overnight, closing the line. According to the railway, six "
           "passenger trains are delayed.", []),
    # a signature line closing a post names its source; a denial of involvement
    ("ru", "Под Кировском сошли с рельсов 8 цистерн с мазутом\n\nПричиной схода стал излом "
           "рельса, движение по одному пути восстановлено.\n\n— Mash",
     [("Mash", "asserts", "technical_fault")]),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk station on "
           "Sunday. Russian officials blamed Ukrainian saboteurs. Kyiv denied any "
           "involvement.",
     [("Russian officials", "asserts", "sabotage"), ("Kyiv", "denies", "sabotage")]),
    ("ru", "Сход поезда у Кировска\n\nВ воскресенье у станции Кировск сошёл с рельсов "
           "грузовой поезд. Российские власти обвинили украинских диверсантов. В Киеве "
           "отвергли свою причастность.",
     [("Russian officials", "asserts", "sabotage"), ("Kyiv", "denies", "sabotage")]),
    # a headline sums up what the body tells with its source: the body names who claims
    ("en", "Russia blames Ukraine for train sabotage\n\nA freight train derailed near Kirovsk "
           "on Sunday. The FSB said Ukrainian saboteurs had damaged the track.",
     [("FSB", "asserts", "sabotage")]),
    ("en", "Russia blames Ukrainian saboteurs for train derailment\n\nA freight train "
           "derailed near Kirovsk on Sunday, Russian Railways said. Investigators have "
           "opened a criminal case on charges of sabotage.",
     [("Investigative Committee", "attributes", "sabotage")]),
    # a party the table knows keeps its headline claim (the side that claims the deed)
    ("en", "Kyiv claims rail sabotage\n\nA freight train derailed near Kirovsk on Sunday. "
           "Ukraine's military intelligence said its agents had blown up the track.",
     [("HUR", "asserts", "sabotage"), ("Kyiv", "asserts", "sabotage")]),
    ("en", "Train derails near Kirovsk\n\nA freight train derailed near Kirovsk on Sunday. "
           "The governor said any sabotage would be punished severely.", []),
    ("ru", "Сход поезда у Кировска\n\nВ воскресенье у станции Кировск сошёл с рельсов "
           "грузовой поезд. Губернатор заявил, что любые диверсии будут жёстко пресекаться.",
     []),
    # a regional railway named in the genitive; an outlet told, the railway speaking
    ("ru", "Пожар на перегоне\n\nНа перегоне Кировск — Лгов загорелся тепловоз. По "
           "информации Северо-Кавказской железной дороги, возгорание произошло из-за "
           "короткого замыкания.",
     [("Russian Railways", "asserts", "short_circuit")]),
    ("ru", "Сход вагонов у Кировска\n\nВ воскресенье у станции Кировск сошли с рельсов 6 "
           "вагонов. «Предварительная причина — излом рельса», — сообщил РИА Новости "
           "представитель дороги.",
     [("Russian Railways (via RIA Novosti)", "asserts", "technical_fault")]),
    # the train's driver as the one telling the cause
    ("ru", "Сход поезда у Кировска\n\nВечером у станции Кировск с рельсов сошли три вагона "
           "грузового поезда. По словам машиниста поезда, локомотив атаковали два дрона.",
     [("машинист", "asserts", "drone")]),
    ("en", "Train derails near Kirovsk\n\nThree wagons of a freight train derailed near "
           "Kirovsk station on Monday. The train driver told reporters that a drone hit the "
           "locomotive.",
     [("train driver", "asserts", "drone")]),
    # a Crimean railway speaks for itself; "outsiders" is the railway's word for sabotage
    ("en", "Grain wagons derail in Crimea\n\nFive grain wagons derailed near Kirovsk station "
           "on Monday. The derailment was caused by interference by outsiders, the Crimean "
           "Railway said.",
     [("Crimean Railway", "asserts", "sabotage")]),
    # a group's arson told as "burned down"
    ("en", "Relay cabinet fire near Kirovsk\n\nA relay cabinet burned near Kirovsk station on "
           "Monday. Atesh said its agent burned down the cabinet to slow military trains.",
     [("Atesh", "asserts", "arson")]),
    # partisans named as the speaker, with no deed, give no cause
    ("en", "Wagons derail near Kirovsk\n\nSix grain wagons derailed near Kirovsk station on "
           "Monday because of a switch malfunction, ASTRA reported. According to the partisans, "
           "reporters were kept away from the scene.",
     [("ASTRA", "asserts", "technical_fault")]),
    ("ru", "Сход вагонов у Кировска\n\nВ понедельник у станции Кировск сошли с рельсов шесть "
           "вагонов. По данным партизан, журналистов не пустили на место схода.",
     []),
    # a drone threat or a drone detected is no cause of the incident
    ("en", "Drone hits station roof in Kirovsk\n\nA drone crashed into the roof of Kirovsk "
           "station on Sunday, the governor said. The aviation agency said the airport was "
           "closed because of the drone threat. The defence ministry said the drone had been "
           "detected south of the capital.",
     [("governor", "asserts", "drone")]),
    ("ru", "Беспилотник упал на вокзал\n\nВ воскресенье беспилотник упал на крышу вокзала в "
           "Кировске, сообщил губернатор. В Минобороны заявили, что беспилотник был обнаружен "
           "над соседней областью. Аэропорт закрыли из-за угрозы атаки БПЛА, сообщили в "
           "Росавиации.",
     [("governor", "asserts", "drone")]),
    # a road driver who drove onto the crossing, as the railway tells it
    ("ru", "Поезд столкнулся с самосвалом\n\nВечером на переезде у станции Кировск грузовой "
           "поезд столкнулся с самосвалом. По сообщению пресс-службы Северной железной "
           "дороги, водитель самосвала выехал на переезд перед идущим поездом.",
     [("Russian Railways", "asserts", "safety_violation")]),
    # a drone jammed far away is air defence, not the incident's cause
    ("en", "Drone hits station roof in Kirovsk\n\nA drone crashed into the roof of Kirovsk "
           "station on Sunday, the governor said. The defence ministry said another UAV was "
           "suppressed by electronic warfare and came down in an empty field.",
     [("governor", "asserts", "drone")]),
    ("ru", "Беспилотник упал на вокзал\n\nВ воскресенье беспилотник упал на крышу вокзала в "
           "Кировске, сообщил губернатор. В Минобороны заявили, что ещё один беспилотник "
           "подавлен средствами РЭБ.",
     [("governor", "asserts", "drone")]),
    # a road user who broke the rules, told by the railway with a trailing "X added"
    ("en", "Train hits lorry at crossing\n\nA passenger train hit a lorry on a level crossing "
           "near Kirovsk on Monday, injuring twelve people, the railway said. The lorry driver "
           "had ignored the road rules and entered the crossing despite the flashing lights, "
           "Russian Railways added.",
     [("Russian Railways", "asserts", "safety_violation")]),
    ("ru", "Поезд врезался в фуру на переезде\n\nВ понедельник у станции Кировск пассажирский "
           "поезд столкнулся с фурой. Водитель фуры нарушил ПДД и выехал на закрытый переезд, "
           "добавили в пресс-службе Северной железной дороги.",
     [("Russian Railways", "asserts", "safety_violation")]),
    # the line itself blown up; a search for more explosives is no claim of its own
    ("en", "Freight train derails near Lgov\n\nA freight train derailed near Lgov on Sunday. "
           "The Baza Telegram channel said the rails ahead of the train had been blown up. "
           "Police are checking the embankment for other explosives, the regional news site "
           "Kursk Today reported.",
     [("Baza", "asserts", "explosive_device")]),
    ("ru", "Грузовой поезд сошёл с рельсов под Льговом\n\nВ воскресенье под Льговом сошёл с "
           "рельсов грузовой поезд. По данным Telegram-канала Baza, пути перед поездом были "
           "подорваны. Саперы обследуют насыпь на наличие других взрывных устройств, "
           "сообщает издание «Курские известия».",
     [("Baza", "asserts", "explosive_device")]),
    # a source close to the interior ministry: a blast before the wagons left the rails
    ("en", "Wagons derail near Kirovsk\n\nTwelve wagons of a freight train derailed near "
           "Kirovsk overnight. A source close to the Interior Ministry told Izvestia that an "
           "explosion went off before the wagons left the rails.",
     [("source in police (via Izvestia)", "asserts", "explosion")]),
    ("ru", "Вагоны сошли с рельсов у Кировска\n\nНочью у Кировска сошли с рельсов двенадцать "
           "вагонов грузового поезда. Источник в МВД сообщил «Известиям», что взрыв прогремел "
           "до того, как вагоны сошли с рельсов.",
     [("source in police (via Izvestia)", "asserts", "explosion")]),
    # nameless "officials" give way to the named railway that states the same cause
    ("en", "Freight cars derail in Ryazan region\n\nNine freight cars derailed in the Ryazan "
           "region on Saturday. Officials said the derailment was caused by unauthorized "
           "interference. In a later statement, the Moscow Railway attributed the derailment "
           "to unauthorized interference by outsiders.",
     [("Moscow Railway", "asserts", "sabotage")]),
    # a regional investigative directorate: its criminal case and the cause it states are two
    ("ru", "Сход вагонов на станции Кировск\n\nНочью на станции Кировск сошли с рельсов шесть "
           "вагонов с углём. Возбуждено уголовное дело по ч. 1 ст. 263 УК РФ, сообщает "
           "Северное межрегиональное следственное управление на транспорте. «Предварительной "
           "причиной схода стало оставление постороннего предмета на путях путейцами», — "
           "говорится в сообщении ведомства.",
     [("следственное управление (уголовное дело)", "attributes", "safety_violation"),
      ("следственное управление", "asserts", "safety_violation")]),
    ("en", "Coal wagons derail at Kirovsk\n\nSix coal wagons derailed at Kirovsk station "
           "overnight. The Northern investigative directorate for transport said it had opened "
           "a criminal case over a violation of traffic safety rules. The preliminary cause "
           "was a foreign object left on the track by repair workers, said a statement from "
           "the directorate.",
     [("Investigative Committee", "attributes", "safety_violation"),
      ("Investigative Committee", "asserts", "safety_violation")]),
    # a short clause with its source after it tells on with the sentence before it, also
    # past the lead
    ("ru", "Поезд подорвался под Льговом\n\nПод Льговом повреждены пути\n\nФото: архив "
           "редакции\n\nВ Льговском районе грузовой поезд наехал на взрывное устройство, "
           "заложенное под рельсами. Прогремел взрыв, сообщил в telegram-канале глава региона "
           "Иван Петров.",
     [("governor", "asserts", "explosive_device")]),
    ("en", "Train hits bomb near Lgov\n\nTrack damaged near Lgov\n\nPhoto: archive\n\n"
           "In the Lgov district a freight train ran over an explosive device planted under "
           "the rails. There was a loud blast, the regional governor said.",
     [("governor", "asserts", "explosive_device")]),
    # a speaker quoted three sentences back does not speak for a causal connective in a
    # background example ("в результате атаки дронов")
    ("ru", "Сход вагонов у Кировска\n\nУ Кировска сошли с рельсов шесть вагонов "
           "грузового поезда. В пресс-службе Северной железной дороги рассказали, что создан "
           "оперативный штаб. Восстановительные работы уже идут. Область уже не раз "
           "подвергалась атакам. Так, 31 мая, в результате атаки дронов погиб мужчина.",
     []),
    ("en", "Wagons derail near Kirovsk\n\nSix wagons of a freight train derailed near Kirovsk. "
           "Russian Railways said an emergency team had been set up. Repair work "
           "is under way. The region has been attacked many times. On 31 May, a man was "
           "killed as a result of a drone attack.",
     []),
    # a paragraph opening "Earlier, ..." that dates its event days back tells another event
    ("ru", "Губернатор: поезд подорвался под Льговом\n\nВ Льговском районе поезд наехал на "
           "взрывное устройство.\n\nОб этом сообщил губернатор области Иван Петров. "
           "Пострадавших нет.\n\nРанее Петров сообщил о гибели водителя легковушки после "
           "атаки дрона. Губернатор уточнил, что на трассе машина попала под удар дрона. "
           "Атака произошла 20 мая.",
     [("governor", "asserts", "explosive_device")]),
    ("en", "Governor: train hits bomb near Lgov\n\nA freight train ran over an explosive "
           "device in the Lgov district on Monday, the regional governor said.\n\nEarlier, "
           "the governor said a drone had hit a car on a highway, killing the driver. He said "
           "the attack took place on May 20.",
     [("governor", "asserts", "explosive_device")]),
    # what a line carries is its load, not the cause ("used to carry missiles")
    ("en", "Signal cabinet burned near Liski\n\nA signal cabinet was set on fire near Liski "
           "station on Sunday night, cutting a line used to carry missiles and shells to the "
           "front, the Atesh movement said on Telegram.",
     [("Atesh", "asserts", "arson")]),
    ("ru", "Под Лисками подожгли релейный шкаф\n\nВ ночь на воскресенье у станции Лиски "
           "подожгли релейный шкаф на ветке, которая используется для перевозки ракет и "
           "снарядов к фронту, заявили в движении «Атеш».",
     [("Atesh", "asserts", "arson")]),
    # "the partisan group" speaks for the one partisan group the story names
    ("en", "Relay box torched near Liski\n\nA local man set fire to a relay box near Liski "
           "station on Sunday, a spokesman for the partisan group told reporters. The Atesh "
           "guerrillas wrote on Telegram that the arson had halted trains on the line.",
     [("Atesh", "asserts", "arson")]),
    ("ru", "Под Лисками сгорел релейный шкаф\n\nВ воскресенье житель Лисок поджёг релейный "
           "шкаф у станции, рассказал представитель партизан. Партизаны движения «Атеш» "
           "написали в Telegram, что после поджога поезда на участке встали.",
     [("Atesh", "asserts", "arson")]),
    # partisans as the subject of talk, not as a speaker
    ("en", "Fuel train derails near Liski\n\nA fuel train derailed near Liski station on "
           "Sunday, with a bomb suspected and the role of Ukrainian partisans the subject of "
           "speculation.",
     []),
    # the Telegram channel of an investigative directorate is the directorate
    ("ru", "Под Лисками сошли вагоны\n\nСледственный отдел на транспорте возбудил уголовное "
           "дело по ч. 1 ст. 263 УК РФ после схода трёх вагонов на станции Лиски. «Возбуждено "
           "уголовное дело по признакам нарушения правил безопасности движения», — сообщили "
           "в Telegram-канале Западного МСУТ СК России.",
     [("Investigative Committee", "attributes", "safety_violation")]),
    # a sentence glossing the article of a case is the case, not a second claim
    ("ru", "Вагоны сошли с рельсов под Лисками\n\nВ воскресенье четыре вагона с углём сошли "
           "с рельсов на станции Лиски. Следователи возбудили уголовное дело по ч. 1 ст. 263 "
           "УК РФ. Речь идёт о нарушении правил безопасности движения и эксплуатации "
           "железнодорожного транспорта.",
     [("Investigative Committee", "attributes", "safety_violation")]),
    ("en", "Coal wagons derail at Liski\n\nFour coal wagons derailed at Liski station on "
           "Sunday. Investigators opened a criminal case under Part 1 of Article 263. The "
           "article concerns a violation of railway traffic safety rules.",
     [("Investigative Committee", "attributes", "safety_violation")]),
    # "Moscow-to-St. Petersburg" does not end the sentence that names the source
    ("en", "Bomb blamed for express crash\n\nA bomb planted on the tracks derailed a "
           "Moscow-to-St. Petersburg express near Liski on Friday, Russian authorities said "
           "on Saturday.",
     [("Russian officials", "asserts", "explosive_device")]),
]  # fmt: skip


def _stance(stance: str) -> str:
    """The real corpus's convention: a cause stated as fact is one stance."""
    return "asserts" if stance == "attributes" else stance


def found_claims(language: str, text: str) -> list[tuple[str, str, str]]:
    incidents = extract_incidents(text, language, PUBLISHED)
    return [(c.claimant, c.stance, c.cause) for i in incidents for c in i.claims]


def matched(
    found: list[tuple[str, str, str]], expected: list[tuple[str, str, str]]
) -> tuple[int, int, int]:
    """(true positives, found, expected) with claimants compared as the evaluation does."""
    used: set[int] = set()
    for who, stance, cause in found:
        for i, (want_who, want_stance, want_cause) in enumerate(expected):
            if (
                i not in used
                and cause == want_cause
                and _stance(stance) == _stance(want_stance)
                and any(_claimant_matches(who, name) for name in _gold_claimants(want_who))
            ):
                used.add(i)
                break
    return len(used), len(found), len(expected)


def stress_scores() -> tuple[float, float]:
    """(precision, recall) over the whole stress set."""
    tp = n_found = n_expected = 0
    for language, text, expected in STRESS:
        t, f, e = matched(found_claims(language, text), expected)
        tp, n_found, n_expected = tp + t, n_found + f, n_expected + e
    return tp / max(n_found, 1), tp / max(n_expected, 1)


# items the extractor still gets wrong (index in STRESS); see the report of the claims branch
KNOWN_MISSES: set[int] = set()


@pytest.mark.parametrize("index", range(len(STRESS)))
def test_stress_item(index: int) -> None:
    language, text, expected = STRESS[index]
    found = found_claims(language, text)
    tp, n_found, n_expected = matched(found, expected)
    if index in KNOWN_MISSES:
        pytest.xfail(f"known miss: {found} vs {expected}")
    assert tp == n_found == n_expected, f"{found} vs {expected}"


def test_stress_set_precision_and_recall() -> None:
    precision, recall = stress_scores()
    assert precision >= 0.95 and recall >= 0.9, (precision, recall)


if __name__ == "__main__":
    for number, (language, text, expected) in enumerate(STRESS):
        found = found_claims(language, text)
        tp, f, e = matched(found, expected)
        mark = "ok " if tp == f == e else "BAD"
        print(f"{mark} {number:2d} {language} found={found} expected={expected}")
    precision, recall = stress_scores()
    print(f"precision {precision:.2f} recall {recall:.2f}")
