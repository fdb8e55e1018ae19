# Makes a database of made-up answers in the kiosk's schema, to look at the report:
#   python3 tools/sample-db.py /tmp/sample.db && build/pictovox report --db /tmp/sample.db --out report.html
# Random but repeatable (a fixed seed). Nothing in it comes from a person.
import sqlite3, random, json, os, sys
random.seed(7)
path = sys.argv[1]
if os.path.exists(path): os.remove(path)
db = sqlite3.connect(path)
db.executescript("""
CREATE TABLE sessions (id TEXT PRIMARY KEY CHECK (length(id) = 32), questionnaire TEXT NOT NULL, version INTEGER NOT NULL,
 language TEXT NOT NULL, day TEXT NOT NULL, completed INTEGER NOT NULL DEFAULT 0, end_reason TEXT) WITHOUT ROWID;
CREATE INDEX sessions_by_questionnaire ON sessions (questionnaire, version, day);
CREATE TABLE answers (session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE, question TEXT NOT NULL,
 refused INTEGER NOT NULL, value_json TEXT, PRIMARY KEY (session_id, question)) WITHOUT ROWID;
ALTER TABLE sessions ADD COLUMN person TEXT; ALTER TABLE sessions ADD COLUMN person_seq INTEGER;
PRAGMA user_version = 2;
""")
def sid(): return '%032x' % random.getrandbits(128)
def add(q, lang, day, answers, person=None, seq=None, done=True):
    s = sid()
    db.execute("INSERT INTO sessions VALUES (?,?,1,?,?,?,?,?,?)", (s, q, lang, day, 1 if done else 0, 'completed' if done else 'idle', person, seq))
    for k, v in answers.items():
        db.execute("INSERT INTO answers VALUES (?,?,?,?)", (s, k, 1 if v is None else 0, None if v is None else json.dumps(v)))
days = ['2026-10-%02d' % d for d in range(5, 31)] + ['2026-11-%02d' % d for d in range(2, 21)]
langs = ['fr'] * 8 + ['ar', 'fa', 'ro', 'en']
for i in range(64):
    add('satisfaction-training', random.choice(langs), random.choice(days), {
        'overall': [str(random.choice([2, 3, 4, 4, 5, 5, 5]))], 'most-useful': [random.choice(['trainers', 'peers', 'practice', 'experience', 'other'])],
        'recommend': [random.choice(['yes', 'yes', 'no', 'dont_know'])] if i % 9 else None,
        'sector': [random.choice(['social', 'social', 'medico-social', 'health', 'peer-helper', 'peer-helper', 'other'])]})
for p in range(9):
    person = '%032x' % random.getrandbits(128)
    first = [random.choice([1, 1, 2, 2, 3]) for _ in range(10)]
    ids = ['experience','listening','distance','confidentiality','team','rights','harm-reduction','accompany','speaking','power']
    for seq in range(1, 4):
        vals = [min(4, f + random.choice([0, seq - 1, seq])) for f in first]
        add('selfeval-competences', 'fr', days[p + seq * 10], {k: [str(v)] for k, v in zip(ids, vals)}, person, seq)
    for w in range(1, 6):
        add('checkin-weekly', 'fr', days[w * 5 + p % 3], {'feeling': [str(random.choice([1, 2, 3, 3]))], 'talk': ['no']}, person, 3 + w, done=w != 5)
for i in range(14):
    add('followup-former', 'fr', random.choice(days), {'working': [random.choice(['paid', 'paid', 'volunteer', 'not-now'])]})
db.commit()
