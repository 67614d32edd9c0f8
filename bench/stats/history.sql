-- A day of per-minute history for many domains, for bench/stats/query.sh:
-- loaded with sqlite3 into a database virtkit-statsd created (schema only).
-- The parameters come from a temporary table the script fills first:
--   bench_params (domains, end_ms): how many domains, and the end of the
--   day (a whole hour, ms since the epoch).
-- Every domain has a minute row for each of the 1500 minutes (25 hours)
-- before end_ms (6 samples each, as a 10 s collector gives) and the 25
-- hour rows that sum them: the day before end_ms - 1 h, and the hour
-- before it, so that a one-day question at any time of the last hour has
-- rows in its partial hours at both ends; values vary by domain and minute so that the ranking is
-- not trivial.  The rows go in in time order, a minute (an hour) of every
-- domain after another, as the collector writes them: the rows of a time
-- range are together in the file, as they are in a collector's database.
-- The indexes on ts are made again afterwards (one sort instead of 14.4 M
-- inserts), and the cache is large for the (uuid, ts) key's B-tree, which
-- every minute's rows go all over.
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -2000000;
BEGIN;
DROP INDEX minutes_ts;
DROP INDEX hours_ts;
WITH RECURSIVE d (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d
                         WHERE i + 1 < (SELECT domains FROM bench_params))
INSERT INTO domains (uuid, name, last_seen)
SELECT printf('00000000-0000-0000-0000-%012d', i), printf('lve%d', 10000 + i),
       (SELECT end_ms FROM bench_params) FROM d;

-- minutes outer, domains inner (CROSS JOIN keeps that order)
WITH RECURSIVE m (j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM m WHERE j < 1499),
v AS (SELECT uuid, j, (SELECT end_ms FROM bench_params) - (1500 - j) * 60000 AS ts,
             ((domains.rowid * 7919 + j * 104729) % 10007) / 100.0 AS cpu,
             ((domains.rowid * 31 + j * 17) % 5003) * 100 AS mem
      FROM m CROSS JOIN domains)
INSERT INTO minutes (uuid, ts, n, cpu_sum, cpu_cnt, cpu_max, mem_sum, mem_cnt, mem_max,
                     io_sum, io_cnt, io_max, iops_sum, iops_cnt, iops_max,
                     nproc_sum, nproc_cnt, nproc_max, ep_sum, ep_cnt, ep_max,
                     cpu_f, mem_f, nproc_f, ep_f)
SELECT uuid, ts, 6, 6 * cpu, 6, cpu + 5, 6 * mem, 6, mem, 6 * cpu * 100, 6, cpu * 200,
       6 * cpu / 10, 6, cpu / 5, 12, 6, 3, 6, 6, 1,
       j % 97 = 0, j % 101 = 0, 0, j % 89 = 0
FROM v;

INSERT INTO hours
SELECT uuid, ts - ts % 3600000, sum(n), sum(cpu_sum), sum(cpu_cnt), max(cpu_max),
       sum(mem_sum), sum(mem_cnt), max(mem_max), sum(io_sum), sum(io_cnt), max(io_max),
       sum(iops_sum), sum(iops_cnt), max(iops_max), sum(nproc_sum), sum(nproc_cnt),
       max(nproc_max), sum(ep_sum), sum(ep_cnt), max(ep_max),
       sum(cpu_f), sum(mem_f), sum(nproc_f), sum(ep_f)
FROM minutes GROUP BY ts - ts % 3600000, uuid ORDER BY 2, 1;
CREATE INDEX minutes_ts ON minutes (ts);
CREATE INDEX hours_ts ON hours (ts);
INSERT OR REPLACE INTO rollup (level, newest)
SELECT 'minute', max(ts) FROM minutes;
COMMIT;
