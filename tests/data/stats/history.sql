-- A known history for tests/stats/history.sh, loaded into a database of
-- schema version 1 (raw samples only: the collector rolls them up).
-- Four domains, a sample every 30 s from 2026-01-01 00:00:00 UTC
-- (1767225600) for two hours (i = 0 .. 239); rates and deltas as the
-- collector derives them.
--
--   alpha  cpu 10 and 30 in turn (avg 20, max 30); mem 100000 KiB;
--          io 2048 B/s (2.0 KiB/s); iops 5; one mem fault at i = 100
--          (00:50); nproc and ep 2
--   beta   cpu 50 in the first hour, 0 in the second (avg 25, max 50);
--          mem 50000; io 0; an ep fault every 60th sample (4: 00:00,
--          00:30, 01:00, 01:30)
--   gamma  cpu 5; mem 200000 and 300000 in turn (avg 250000, max
--          300000); io 0, 1024, 2048, 3072 in turn (avg 1.5 KiB/s, max
--          3.0); no fault counters (NULL, as a driver without them)
--   delta  shut off (state 5): no values at all; its name, 'delta, "off"',
--          needs quoting in CSV and escaping in JSON
INSERT INTO domains (uuid, name, last_seen) VALUES
    ('00000000-0000-0000-0000-00000000000a', 'alpha', 1767232770000),
    ('00000000-0000-0000-0000-00000000000b', 'beta', 1767232770000),
    ('00000000-0000-0000-0000-00000000000c', 'gamma', 1767232770000),
    ('00000000-0000-0000-0000-00000000000d', 'delta, "off"', 1767232770000);

WITH RECURSIVE t (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM t WHERE i < 239)
INSERT INTO samples (uuid, ts, state, mem, nproc, ep, cpu, io, iops,
                     cpu_f, mem_f, nproc_f, ep_f)
SELECT '00000000-0000-0000-0000-00000000000a', 1767225600000 + i * 30000, 1,
       100000, 2, 2, 10 + (i % 2) * 20, 2048, 5,
       0, CASE WHEN i = 100 THEN 1 ELSE 0 END, 0, 0 FROM t
UNION ALL
SELECT '00000000-0000-0000-0000-00000000000b', 1767225600000 + i * 30000, 1,
       50000, 1, 0, CASE WHEN i < 120 THEN 50 ELSE 0 END, 0, 0,
       0, 0, 0, CASE WHEN i % 60 = 0 THEN 1 ELSE 0 END FROM t
UNION ALL
SELECT '00000000-0000-0000-0000-00000000000c', 1767225600000 + i * 30000, 1,
       200000 + (i % 2) * 100000, NULL, NULL, 5, (i % 4) * 1024, NULL,
       NULL, NULL, NULL, NULL FROM t
UNION ALL
SELECT '00000000-0000-0000-0000-00000000000d', 1767225600000 + i * 30000, 5,
       NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL FROM t;
