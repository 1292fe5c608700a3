/**
 * Zone abbreviations from the tz database for zones whose names Intl's
 * English locales do not give (CLDR prints "GMT+9" where tzdata says JST).
 * Standard name first, then the daylight one when the zone has it.
 */
const GROUPS: Array<[string, string | undefined, string]> = [
  ["JST", undefined, "Asia/Tokyo Japan"],
  ["KST", undefined, "Asia/Seoul Asia/Pyongyang ROK"],
  ["CST", undefined, "Asia/Shanghai Asia/Chongqing Asia/Chungking Asia/Harbin Asia/Taipei Asia/Macau Asia/Macao PRC ROC"],
  ["HKT", undefined, "Asia/Hong_Kong Hongkong"],
  ["IST", undefined, "Asia/Kolkata Asia/Calcutta"],
  ["PKT", undefined, "Asia/Karachi"],
  ["PST", undefined, "Asia/Manila"],
  ["WIB", undefined, "Asia/Jakarta Asia/Pontianak"],
  ["WITA", undefined, "Asia/Makassar Asia/Ujung_Pandang"],
  ["WIT", undefined, "Asia/Jayapura"],
  ["IST", "IDT", "Asia/Jerusalem Asia/Tel_Aviv Israel"],
  ["AEST", "AEDT", "Australia/Sydney Australia/Melbourne Australia/Hobart Australia/Canberra Australia/ACT Australia/NSW Australia/Victoria Australia/Tasmania Australia/Currie"],
  ["AEST", undefined, "Australia/Brisbane Australia/Lindeman Australia/Queensland"],
  ["ACST", "ACDT", "Australia/Adelaide Australia/Broken_Hill Australia/South Australia/Yancowinna"],
  ["ACST", undefined, "Australia/Darwin Australia/North"],
  ["AWST", undefined, "Australia/Perth Australia/West"],
  ["NZST", "NZDT", "Pacific/Auckland NZ Antarctica/McMurdo Antarctica/South_Pole"],
  ["ChST", undefined, "Pacific/Guam Pacific/Saipan"],
  ["SST", undefined, "Pacific/Pago_Pago Pacific/Samoa Pacific/Midway US/Samoa"],
  ["SAST", undefined, "Africa/Johannesburg Africa/Maseru Africa/Mbabane"],
  ["WAT", undefined, "Africa/Lagos Africa/Kinshasa Africa/Luanda Africa/Douala Africa/Libreville Africa/Malabo Africa/Niamey Africa/Porto-Novo Africa/Brazzaville Africa/Bangui Africa/Ndjamena"],
  ["EAT", undefined, "Africa/Nairobi Africa/Addis_Ababa Africa/Dar_es_Salaam Africa/Kampala Africa/Mogadishu Africa/Djibouti Africa/Asmara Africa/Asmera Indian/Antananarivo Indian/Comoro Indian/Mayotte"],
  ["CAT", undefined, "Africa/Maputo Africa/Harare Africa/Lusaka Africa/Lubumbashi Africa/Blantyre Africa/Bujumbura Africa/Gaborone Africa/Kigali Africa/Juba Africa/Khartoum Africa/Windhoek"],
  ["EET", "EEST", "Africa/Cairo Egypt"],
  ["EET", undefined, "Africa/Tripoli Libya Europe/Kaliningrad"],
  ["CET", undefined, "Africa/Algiers Africa/Tunis"],
  ["MSK", undefined, "Europe/Moscow Europe/Simferopol W-SU"],
  ["GMT", "IST", "Europe/Dublin Eire"],
  ["NST", "NDT", "America/St_Johns Canada/Newfoundland"],
];

const TABLE = new Map<string, [string, string | undefined]>();
for (const [std, dst, zones] of GROUPS) for (const z of zones.split(" ")) TABLE.set(z, [std, dst]);

/** tzdata's abbreviation for `zone`, or undefined when Intl should be asked. */
export function tzdataAbbr(zone: string, isdst: boolean): string | undefined {
  const names = TABLE.get(zone);
  if (!names) return undefined;
  return isdst && names[1] ? names[1] : names[0];
}
