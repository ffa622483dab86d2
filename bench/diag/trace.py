import json, sys, collections
d = json.load(open(sys.argv[1]))
ev = d['traceEvents'] if isinstance(d, dict) else d
names = {}
for e in ev:
    if e.get('ph') == 'M' and e.get('name') == 'thread_name':
        names[(e['pid'], e['tid'])] = e['args']['name']
    if e.get('ph') == 'M' and e.get('name') == 'process_name':
        names[(e['pid'], None)] = e['args']['name']
# window: use rAF-ish span; take last 3.5 s of events
ts = [e['ts'] for e in ev if 'ts' in e and e.get('ph') in ('X','B','E')]
end = max(ts); start = end - float(sys.argv[2] if len(sys.argv) > 2 else 3.5) * 1e6
tot = collections.Counter(); cnt = collections.Counter()
per = collections.defaultdict(collections.Counter)
for e in ev:
    if e.get('ph') != 'X' or e['ts'] < start: continue
    key = (names.get((e['pid'], None), e['pid']), names.get((e['pid'], e['tid']), e['tid']))
    dur = e.get('dur', 0) / 1000
    if e['name'] in ('ThreadControllerImpl::RunTask', 'RunTask', 'ThreadPool_RunTask'):
        tot[key] += dur; cnt[key] += 1
    per[key][e['name']] += dur
secs = (end - start) / 1e6
for k, v in tot.most_common(12):
    print(f'{k}: busy {v/secs/10:.1f}% ({v:.0f} ms over {secs:.1f}s, {cnt[k]} tasks)')
for k in list(tot)[:0]: pass
want = sys.argv[3] if len(sys.argv) > 3 else 'CrGpuMain'
for k, c in per.items():
    if want in str(k[1]):
        print('--', k)
        for n, v in c.most_common(25): print(f'   {v:8.1f} ms  {n}')
