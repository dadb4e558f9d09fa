/* bench_gen: reproducible data for the benchmarks (tests/bench/run.sh).
 *
 *   bench_gen db PATH SESSIONS CONTRIBUTIONS LOG
 *       a database of SESSIONS sessions (organisations, dates over ten years) holding
 *       CONTRIBUTIONS contributions in eight scripts, tagged with Indicators of Integration
 *       codes. Every session has ended except the two newest: the one before last is open
 *       with LOG of the contributions on its current item (the keystroke benchmark's long
 *       log), the newest is an evening in progress, GEN_TYPICAL contributions over its
 *       first three items (what `klankbord resume` opens). Written through
 *       storage/store.h in large transactions, with the events session_load() rebuilds
 *       a session from. Needs SESSIONS >= 3. Prints the long log's session id.
 *   bench_gen agenda PATH BYTES    an agenda just under BYTES (at most 1 MiB) that loads
 *   bench_gen lines PATH N         N capture lines as a note-taker types them
 *
 * The same arguments give the same data: one seed, no clock, no system randomness.
 * BENCH_GEN_VERSION changes whenever the data it writes would change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sessions/event.h"
#include "sessions/json.h"
#include "storage/store.h"
#include "tests/bench/bench_util.h"

enum { BENCH_GEN_VERSION = 4, GEN_PARTICIPANTS = 16, GEN_ITEMS = 5, GEN_BATCH = 20000, GEN_TYPICAL = 100 };

static const char *const gen_items[GEN_ITEMS][2] = {
	{ "welcome", "Welcome and ground rules" }, { "arrival", "The first months in the municipality" },
	{ "language", "Learning Dutch" }, { "work", "Work and volunteering" },
	{ "trust", "Trust between newcomers and the municipality" },
};

static const char *const gen_organisations[] = {
	"Gemeente Amsterdam", "Gemeente Rotterdam", "Gemeente Den Haag", "Gemeente Utrecht",
	"Gemeente Eindhoven", "Gemeente Groningen", "Gemeente Tilburg", "Gemeente Almere", "Gemeente Breda",
	"Gemeente Nijmegen", "Gemeente Apeldoorn", "Gemeente Arnhem", "Gemeente Haarlem",
	"Gemeente Haarlemmermeer", "Gemeente Amersfoort", "Gemeente Zaanstad", "Gemeente Enschede",
	"Gemeente Den Bosch", "Gemeente Zwolle", "Gemeente Leiden", "Gemeente Zoetermeer",
	"Gemeente Leeuwarden", "Gemeente Ede", "Gemeente Maastricht", "Gemeente Dordrecht",
	"Gemeente Westland", "Gemeente Alphen aan den Rijn", "Gemeente Alkmaar", "Gemeente Emmen",
	"Gemeente Delft", "Gemeente Venlo", "Gemeente Deventer", "Gemeente Sittard-Geleen", "Gemeente Helmond",
	"Gemeente Oss", "Gemeente Amstelveen", "Gemeente Hilversum", "Gemeente Heerlen",
	"Gemeente Súdwest-Fryslân", "Gemeente Hengelo", "Gemeente Purmerend", "Gemeente Schiedam",
	"Gemeente Lelystad", "Gemeente Roosendaal", "Gemeente Leidschendam-Voorburg", "Gemeente Almelo",
	"Gemeente Hoorn", "Gemeente Gouda", "Gemeente Vlaardingen", "Gemeente Assen",
	"Gemeente Bergen op Zoom", "Gemeente Capelle aan den IJssel", "Gemeente Veenendaal",
	"Gemeente Katwijk", "Gemeente Zeist", "Gemeente Nieuwegein", "Gemeente Roermond",
	"Gemeente Den Helder", "Gemeente Doetinchem", "Gemeente Hoogeveen", "Gemeente Terneuzen",
	"Gemeente Kampen", "Gemeente Woerden", "Gemeente Rijswijk", "Gemeente Heerhugowaard",
	"Gemeente Houten", "Gemeente Barneveld", "Gemeente Middelburg", "Gemeente Emmeloord",
	"Gemeente Harderwijk", "Gemeente Lansingerland", "Gemeente Velsen", "Gemeente Smallingerland",
	"Gemeente Ridderkerk", "Gemeente Weert", "Gemeente Hardenberg", "Gemeente Oosterhout",
	"Gemeente Schagen", "Gemeente Waalwijk", "Gemeente Soest", "Gemeente Zwijndrecht", "Gemeente Kerkrade",
	"Gemeente Vlissingen", "Gemeente Heerenveen", "Gemeente Tiel", "Gemeente Pijnacker-Nootdorp",
	"Gemeente Meppel", "Gemeente Wageningen", "Gemeente Goes", "Gemeente Winterswijk",
	"Gemeente Culemborg", "Gemeente Diemen", "Gemeente Venray", "Gemeente Coevorden",
	"Gemeente Steenwijkerland", "Gemeente Oldambt", "Gemeente Heusden", "Gemeente Bodegraven-Reeuwijk",
	"Gemeente Oisterwijk", "Gemeente Dronten",
};
enum { GEN_N_ORGS = (int)(sizeof gen_organisations / sizeof gen_organisations[0]) };

static const char *const gen_names[GEN_PARTICIPANTS] = {
	"Amal", "Yonas", "Reza", "Olena", "Samir", "Hiwet", "Mahnaz", "Fatima", "Li Wei", "Oksana", "Tesfay",
	"Nour", "Dawit", "Parisa", "Bohdan", "Mei",
};

static const char *const gen_codes[] = {
	"work", "housing", "education", "health", "leisure", "bonds", "bridges", "links", "language", "culture",
	"digital", "safety", "stability", "rights",
};
enum { GEN_N_CODES = (int)(sizeof gen_codes / sizeof gen_codes[0]) };

static const char *const gen_kinds[] = {
	"experience", "experience", "experience", "obstacle", "obstacle", "success", "idea", "idea",
	"recommendation", "question", "quote", "note",
};

/* Sentences people say at these evenings, per script; %d takes a number. */
static const char *const gen_sentences[][8] = {
	{ "Ik heb %d maanden gewacht op taalles bij de gemeente.", "De klantmanager belde nooit terug over mijn inburgering.",
	  "Via vrijwilligerswerk in de buurt leerde ik sneller Nederlands.", "Mijn diploma werd niet erkend, dus ik begon opnieuw.",
	  "Het taalcafé in de bibliotheek helpt mij elke week.", "Er was geen kinderopvang tijdens de lessen.",
	  "De brieven van de gemeente zijn te moeilijk om te lezen.", "Na %d weken kreeg ik eindelijk een woning toegewezen." },
	{ "I waited %d months before the first language lesson started.", "Nobody explained the integration programme in a language I understand.",
	  "Volunteering at the food bank brought me closer to work.", "My neighbours invited us for coffee in the first week.",
	  "The digital forms of the municipality are hard without help.", "A work placement of %d weeks turned into a real job.",
	  "We need lessons in the evening because we work during the day.", "Trust grows when the municipality answers our letters." },
	{ "انتظرت %d أشهر قبل أن تبدأ دروس اللغة.", "لم يشرح لي أحد برنامج الاندماج بلغة أفهمها.",
	  "العمل التطوعي ساعدني على تعلم الهولندية بسرعة.", "شهادتي الجامعية لم يتم الاعتراف بها في هولندا.",
	  "نحتاج إلى رعاية الأطفال أثناء الدروس.", "الرسائل من البلدية صعبة جدا للقراءة.",
	  "جيراني دعونا لشرب القهوة في الأسبوع الأول.", "بعد %d أسابيع حصلت أخيرا على سكن." },
	{ "ንትምህርቲ ቋንቋ %d ኣዋርሕ ተጸቢየ።", "ፕሮግራም ውህደት ብዝርድኣኒ ቋንቋ ዝገለጸለይ የለን።",
	  "ብወለንታዊ ስራሕ ቋንቋ ደች ቀልጢፈ ተማሂረ።", "ዲፕሎማይ ኣይተፈልጠን ስለዚ ካብ መጀመርታ ጀሚረ።",
	  "ኣብ እዋን ትምህርቲ ክንክን ህጻናት የድልየና።", "ደብዳቤታት ምምሕዳር ከተማ ንምንባብ ከቢድ እዩ።",
	  "ጎረባብትና ኣብ ቀዳማይ ሰሙን ቡን ዓደሙና።", "ድሕሪ %d ሰሙናት ገዛ ረኺበ።" },
	{ "من %d ماه برای کلاس زبان منتظر ماندم.", "هیچ کس برنامه ادغام را به زبانی که بفهمم توضیح نداد.",
	  "کار داوطلبانه به من کمک کرد هلندی را سریع‌تر یاد بگیرم.", "مدرک دانشگاهی من به رسمیت شناخته نشد.",
	  "در زمان کلاس‌ها به مهدکودک نیاز داریم.", "نامه‌های شهرداری برای خواندن خیلی سخت است.",
	  "همسایه‌ها در هفته اول ما را به قهوه دعوت کردند.", "بعد از %d هفته بالاخره خانه گرفتم." },
	{ "Я чекала %d місяців на перший урок мови.", "Ніхто не пояснив програму інтеграції зрозумілою мені мовою.",
	  "Волонтерство допомогло мені швидше вивчити нідерландську.", "Мій диплом не визнали, тому я почала спочатку.",
	  "Нам потрібен догляд за дітьми під час уроків.", "Листи від муніципалітету дуже важко читати.",
	  "Сусіди запросили нас на каву в перший тиждень.", "Через %d тижнів я нарешті отримала житло." },
	{ "我等了%d个月才开始上荷兰语课。", "没有人用我听得懂的语言解释融入计划。",
	  "做志愿者让我更快地学会了荷兰语。", "我的文凭没有被承认，所以我从头开始。",
	  "上课的时候我们需要有人照顾孩子。", "市政府的信太难读懂了。",
	  "邻居在第一周就请我们喝咖啡。", "%d个星期以后我终于分到了房子。" },
	{ "Waited %d months 😞 for lessons", "Language café every Tuesday ☕🙂", "Got the job after the placement 🎉",
	  "Letters from the city 📄❓ too hard", "Childcare 👶 during lessons please", "Neighbours 🤝 helped us first",
	  "Diploma not recognised 📜❌", "Housing after %d weeks 🏠" },
};
enum { GEN_N_LANGS = (int)(sizeof gen_sentences / sizeof gen_sentences[0]) };

/* A UUID-shaped key from the generator's stream (the store's own come from getrandom). */
static void gen_uuid(struct bench_rng *rng, char out[STORE_UUID_LEN + 1])
{
	uint64_t a = bench_rng_next(rng), b = bench_rng_next(rng);
	snprintf(out, STORE_UUID_LEN + 1, "%08x-%04x-4%03x-%04x-%012llx", (unsigned)(a >> 32), (unsigned)(a >> 16) & 0xffff,
		(unsigned)a & 0xfff, (unsigned)(0x8000 | ((b >> 48) & 0x3fff)), (unsigned long long)(b & 0xffffffffffffULL));
}

/* One to three sentences, mostly in one language. */
static void gen_text(struct bench_rng *rng, char *out, size_t len)
{
	int lang = (int)bench_rng_below(rng, GEN_N_LANGS);
	int n = 1 + (int)bench_rng_below(rng, 3);
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < n && used < len; i++) {
		const char *sentence = gen_sentences[lang][bench_rng_below(rng, 8)];
		char piece[512];
		const char *hole = strstr(sentence, "%d");
		if (hole)
			snprintf(piece, sizeof piece, "%.*s%d%s", (int)(hole - sentence), sentence,
				2 + (int)bench_rng_below(rng, 22), hole + 2);
		else
			snprintf(piece, sizeof piece, "%s", sentence);
		used += (size_t)snprintf(out + used, len - used, "%s%s", i ? " " : "", piece);
		if (bench_rng_below(rng, 4) == 0)
			lang = (int)bench_rng_below(rng, GEN_N_LANGS);
	}
}

/* A small agenda as a session of this organisation and date would have loaded. */
static int gen_agenda_text(char *out, size_t len, int number, const char *organisation, const char *date)
{
	size_t used = (size_t)snprintf(out, len,
		"klankbord: 1\nsession:\n  title: \"Expert pool %d: the Integration Act in practice\"\n"
		"  organisation: %s\n  location: Community centre\n  date: %s\ncodebook: ioi-2019\nparticipants:\n",
		number, organisation, date);
	for (int i = 0; i < GEN_PARTICIPANTS && used < len; i++)
		used += (size_t)snprintf(out + used, len - used, "  - {id: E%02d, name: \"%s\"}\n", i + 1, gen_names[i]);
	used += (size_t)snprintf(out + used, len - used, "agenda:\n");
	for (int i = 0; i < GEN_ITEMS && used < len; i++)
		used += (size_t)snprintf(out + used, len - used, "  - id: %s\n    title: %s\n    minutes: %d\n"
			"    prompt: What happened, and what should change?\n", gen_items[i][0], gen_items[i][1], 10 + 5 * i);
	return (int)used;
}

struct gen {
	struct store *store;
	struct bench_rng rng;
	char err[1024];
	long pending;               /* rows written in the open transaction */
};

/* Derives the contributions, codes, report counts and search index of the transaction's
 * events (as a console does), then commits. */
static int gen_flush(struct gen *g, bool reopen)
{
	int rc = store_project(g->store, NULL, g->err, sizeof g->err);
	if (!rc)
		rc = store_commit(g->store, g->err, sizeof g->err);
	if (!rc && reopen)
		rc = store_begin(g->store, g->err, sizeof g->err);
	g->pending = 0;
	return rc;
}

static int gen_event(struct gen *g, const char *session, int64_t at, const char *type, struct json_buf *payload,
	int64_t *seq)
{
	int rc = payload->failed ? 1 : store_append_event(g->store, session, at, "console", type, payload->data, seq,
		g->err, sizeof g->err);
	json_buf_free(payload);
	return rc;
}

static int gen_item_event(struct gen *g, const char *session, int64_t at, const char *type, const char *item,
	const char *from)
{
	struct json_buf p = { 0 };
	int64_t seq;
	json_object_begin(&p);
	json_key(&p, "item");
	json_string(&p, item);
	json_key(&p, from ? "from" : "closed_vote");
	json_string(&p, from);
	if (from) {
		json_key(&p, "command");
		json_string(&p, "next");
	}
	json_object_end(&p);
	return gen_event(g, session, at, type, &p, &seq);
}

static int gen_contribution(struct gen *g, const char *session, const char *item, int64_t at)
{
	char id[STORE_UUID_LEN + 1], text[1024], speaker[8];
	gen_uuid(&g->rng, id);
	gen_text(&g->rng, text, sizeof text);
	bool note = bench_rng_below(&g->rng, 10) == 0;
	snprintf(speaker, sizeof speaker, "E%02u", 1 + bench_rng_below(&g->rng, GEN_PARTICIPANTS));
	const char *kind = note ? "note" : gen_kinds[bench_rng_below(&g->rng, sizeof gen_kinds / sizeof gen_kinds[0])];
	const char *tags[3];
	int n_tags = (int)bench_rng_below(&g->rng, 4);
	for (int i = 0; i < n_tags; i++) {
		tags[i] = gen_codes[bench_rng_below(&g->rng, GEN_N_CODES)];
		for (int k = 0; k < i; k++)
			if (tags[k] == tags[i])
				tags[i--] = NULL, n_tags--;
	}
	struct json_buf p = { 0 };
	json_object_begin(&p);
	json_key(&p, "id");
	json_string(&p, id);
	json_key(&p, "item");
	json_string(&p, item);
	json_key(&p, "participant");
	json_string(&p, note ? NULL : speaker);
	json_key(&p, "kind");
	json_string(&p, kind);
	json_key(&p, "text");
	json_string(&p, text);
	json_key(&p, "tags");
	json_array_begin(&p);
	for (int i = 0; i < n_tags; i++)
		json_string(&p, tags[i]);
	json_array_end(&p);
	json_object_end(&p);
	int64_t seq;
	int rc = gen_event(g, session, at, EVENT_TYPE_CONTRIBUTION, &p, &seq);
	g->pending++;
	return rc;
}

/* One session: started, its contributions spread over its items, then ended; or, with
 * open_items > 0, left open with the contributions spread over its first open_items. */
static int gen_session(struct gen *g, int number, int64_t started, long contributions, int open_items,
	char id[STORE_UUID_LEN + 1])
{
	bool open = open_items > 0;
	int spread = open ? open_items : GEN_ITEMS;
	char date[16], agenda[4096];
	gen_uuid(&g->rng, id);
	time_t day = (time_t)(started / 1000);
	struct tm tm;
	gmtime_r(&day, &tm);
	strftime(date, sizeof date, "%Y-%m-%d", &tm);
	const char *organisation = gen_organisations[number % GEN_N_ORGS];
	int agenda_len = gen_agenda_text(agenda, sizeof agenda, number + 1, organisation, date);
	char title[96];
	snprintf(title, sizeof title, "Expert pool %d: the Integration Act in practice", number + 1);
	struct store_session_row row = { .id = id, .title = title, .organisation = organisation,
		.location = "Community centre", .date = date, .console = "console", .agenda_yaml = agenda,
		.agenda_len = (size_t)agenda_len, .started_ms = started };
	int rc = store_insert_session(g->store, &row, g->err, sizeof g->err);
	for (int i = 0; !rc && i < GEN_ITEMS; i++)
		rc = store_insert_item(g->store, id, gen_items[i][0], i, gen_items[i][1], (10 + 5 * i) * 60, g->err,
			sizeof g->err);
	for (int i = 0; !rc && i < GEN_PARTICIPANTS; i++) {
		char pid[8];
		snprintf(pid, sizeof pid, "E%02d", i + 1);
		struct store_participant_row p = { .session = id, .id = pid, .name = gen_names[i], .role = "expert",
			.position = i };
		rc = store_insert_participant(g->store, &p, g->err, sizeof g->err);
	}
	struct json_buf p = { 0 };
	json_object_begin(&p);
	json_key(&p, "title");
	json_string(&p, title);
	json_key(&p, "item");
	json_string(&p, gen_items[0][0]);
	json_object_end(&p);
	int64_t seq, at = started;
	if (!rc)
		rc = gen_event(g, id, at, "session.start", &p, &seq);
	else
		json_buf_free(&p);
	int item = 0;
	for (long i = 0; !rc && i < contributions; i++) {
		at += 20000 + bench_rng_below(&g->rng, 60000);
		int want = (int)(i * spread / contributions);
		if (want != item) {
			rc = gen_item_event(g, id, at, "item.enter", gen_items[want][0], gen_items[item][0]);
			item = want;
		}
		if (!rc)
			rc = gen_contribution(g, id, gen_items[item][0], at);
		if (!rc && g->pending >= GEN_BATCH)
			rc = gen_flush(g, true);
	}
	if (!rc && !open) {
		at += 60000;
		rc = gen_item_event(g, id, at, "session.end", gen_items[item][0], NULL);
		if (!rc)
			rc = store_end_session(g->store, id, at, g->err, sizeof g->err);
	}
	return rc;
}

static int gen_db(const char *path, long sessions, long contributions, long log)
{
	struct gen g = { .rng = { 20221 } };
	if (sessions < 3 || log < 0 || contributions < log + GEN_TYPICAL) {
		fprintf(stderr, "bench_gen: need SESSIONS >= 3 and CONTRIBUTIONS >= LOG + %d, LOG >= 0\n", GEN_TYPICAL);
		return 2;
	}
	remove(path);
	int rc = store_open(path, &g.store, g.err, sizeof g.err);
	if (!rc)
		rc = store_begin(g.store, g.err, sizeof g.err);
	/* Ten years of evenings, one every few days, from 2016-01-11 on. */
	const int64_t first = 1452538800000, span = 10LL * 365 * 86400 * 1000;
	long ended = sessions - 2, history = contributions - log - GEN_TYPICAL, done = 0;
	char id[STORE_UUID_LEN + 1], long_log[STORE_UUID_LEN + 1];
	for (long s = 0; !rc && s < ended; s++) {
		long mine = history * (s + 1) / ended - done;
		done += mine;
		rc = gen_session(&g, (int)s, first + span * s / sessions, mine, 0, id);
	}
	if (!rc)
		rc = gen_session(&g, (int)ended, first + span * ended / sessions, log, 1, long_log);
	if (!rc)
		rc = gen_session(&g, (int)ended + 1, first + span * (ended + 1) / sessions, GEN_TYPICAL, 3, id);
	if (!rc)
		rc = gen_flush(&g, false);
	if (rc)
		fprintf(stderr, "bench_gen: %s\n", g.err);
	else
		printf("%s\n", long_log);
	store_close(g.store);
	return rc ? 1 : 0;
}

/* An agenda with many participants and long multilingual items, just under bytes. */
static int gen_agenda(const char *path, long bytes)
{
	if (bytes > 1024 * 1024 || bytes < 4096) {
		fprintf(stderr, "bench_gen: agenda size must be 4096..1048576 bytes\n");
		return 2;
	}
	FILE *out = fopen(path, "w");
	if (!out) {
		perror(path);
		return 1;
	}
	struct bench_rng rng = { 5 };
	long used = fprintf(out, "klankbord: 1\nsession:\n  title: \"Expert pool: a long series\"\n"
		"  organisation: Gemeente Nijmegen\n  date: 2026-12-10\n  languages: [nl, en, ar, ti, fa, uk, zh]\n"
		"codebook: ioi-2019\nparticipants:\n");
	for (int i = 0; i < 200; i++)
		used += fprintf(out, "  - {id: P%03d, name: \"%s %d\", languages: [nl, en], community: \"Community %d\","
			" consent: {quotes: %s}}\n", i + 1, gen_names[i % GEN_PARTICIPANTS], i + 1, i % 17,
			i % 2 ? "true" : "false");
	used += fprintf(out, "agenda:\n");
	char text[1024];
	for (int i = 0;; i++) {
		char item[2048];
		gen_text(&rng, text, sizeof text);
		int n = snprintf(item, sizeof item, "  - id: item-%05d\n    title: \"Round %d: %s\"\n    minutes: %d\n"
			"    domains: [%s, %s]\n    prompts:\n      - \"%s\"\n", i + 1, i + 1, gen_items[i % GEN_ITEMS][1],
			5 + i % 30, gen_codes[i % GEN_N_CODES], gen_codes[(i + 5) % GEN_N_CODES], text);
		gen_text(&rng, text, sizeof text);
		n += snprintf(item + n, sizeof item - (size_t)n, "      - \"%s\"\n    notes: |\n      %s\n", text,
			gen_sentences[i % GEN_N_LANGS][i % 8]);
		if (used + n > bytes - 16)
			break;
		used += fprintf(out, "%s", item);
	}
	return fclose(out) == 0 ? 0 : 1;
}

/* Capture lines: contributions with kinds and tags, now and then a note. */
static int gen_lines(const char *path, long n)
{
	FILE *out = fopen(path, "w");
	if (!out) {
		perror(path);
		return 1;
	}
	struct bench_rng rng = { 7 };
	char text[1024];
	for (long i = 0; i < n; i++) {
		gen_text(&rng, text, sizeof text);
		if (i % 10 == 9)
			fprintf(out, "%s\n", text);
		else
			fprintf(out, "E%02u: !%s #%s %s\n", 1 + bench_rng_below(&rng, 8), i % 3 ? "experience" : "obstacle",
				gen_codes[bench_rng_below(&rng, GEN_N_CODES)], text);
	}
	return fclose(out) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 6 && strcmp(argv[1], "db") == 0)
		return gen_db(argv[2], atol(argv[3]), atol(argv[4]), atol(argv[5]));
	if (argc == 4 && strcmp(argv[1], "agenda") == 0)
		return gen_agenda(argv[2], atol(argv[3]));
	if (argc == 4 && strcmp(argv[1], "lines") == 0)
		return gen_lines(argv[2], atol(argv[3]));
	if (argc == 2 && strcmp(argv[1], "version") == 0) {
		printf("%d\n", BENCH_GEN_VERSION);
		return 0;
	}
	fprintf(stderr, "usage: bench_gen db PATH SESSIONS CONTRIBUTIONS LOG\n"
		"       bench_gen agenda PATH BYTES\n       bench_gen lines PATH N\n       bench_gen version\n");
	return 2;
}
