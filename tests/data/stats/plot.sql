-- A history for tests/stats/plot.sh, loaded beside history.sql: one
-- domain, 'zigzag', sampled every 30 s from 2026-01-01 00:00:00 UTC for
-- two hours (i = 0 .. 239, minute m = i / 2), except minute 90 (no
-- sample: the lines break there).  Its minute averages alternate so that
-- no three points are in line (cairo merges collinear segments):
--   cpu    10 and 30 by minute (max 5 above), limit 50 in the first hour
--          and 40 in the second
--   mem    100000 and 150000 KiB by minute, limit 204800
--   faults mem at minutes 10 and 20, nproc at 30, cpu at 45: four markers
INSERT INTO domains (uuid, name, last_seen) VALUES
    ('00000000-0000-0000-0000-0000000000ee', 'zigzag', 1767232770000);

WITH RECURSIVE t (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM t WHERE i < 239)
INSERT INTO samples (uuid, ts, state, mem, nproc, ep, cpu_limit, mem_limit, cpu, io, iops,
                     cpu_f, mem_f, nproc_f, ep_f)
SELECT '00000000-0000-0000-0000-0000000000ee', 1767225600000 + i * 30000, 1,
       100000 + ((i / 2) % 2) * 50000, 3, 1,
       CASE WHEN i < 120 THEN 50 ELSE 40 END, 204800,
       10 + ((i / 2) % 2) * 20 + (i % 2) * 10 - 5, 0, 0,
       CASE WHEN i = 90 THEN 1 ELSE 0 END,
       CASE WHEN i IN (20, 40) THEN 1 ELSE 0 END,
       CASE WHEN i = 60 THEN 1 ELSE 0 END, 0
FROM t WHERE i / 2 <> 90;
