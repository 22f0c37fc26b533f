-- ltx4j-postgres schema, version 1: the shared request budget, the shared generation slots and the batch ledger.
-- Every statement may run again on a database that has it already: apply it yourself (psql -f) or let
-- PostgresStore.migrate() apply it. Names start with ltx4j_ so that the tables can live beside an application's.

-- The request budget: the permits taken in the last window, as epoch milliseconds of the database's clock, oldest
-- first. One row per budget; a permit is one call of ltx4j_take_permit, one round trip.
CREATE TABLE IF NOT EXISTS ltx4j_request_budget (
  name text PRIMARY KEY,
  stamps bigint[] NOT NULL DEFAULT '{}'
);

-- Takes a permit if fewer than p_limit were taken in the last p_window_ms, returning 0; else takes nothing and
-- returns the milliseconds until the oldest permit that stands in the way leaves the window. The row lock
-- serialises every taker of the budget, so "at most p_limit in any window" holds across processes; the clock is
-- the database's, read after the lock, so that machines whose clocks differ still share one window.
CREATE OR REPLACE FUNCTION ltx4j_take_permit(p_name text, p_limit int, p_window_ms bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  live bigint[];
  now_ms bigint;
BEGIN
  SELECT stamps INTO live FROM ltx4j_request_budget WHERE name = p_name FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO ltx4j_request_budget (name) VALUES (p_name) ON CONFLICT (name) DO NOTHING;
    SELECT stamps INTO live FROM ltx4j_request_budget WHERE name = p_name FOR UPDATE;
  END IF;
  now_ms := floor(extract(epoch FROM clock_timestamp()) * 1000);
  live := ARRAY(SELECT s FROM unnest(live) AS s WHERE s > now_ms - p_window_ms ORDER BY s);
  IF cardinality(live) < p_limit THEN
    UPDATE ltx4j_request_budget SET stamps = live || now_ms WHERE name = p_name;
    RETURN 0;
  END IF;
  RETURN greatest(1, live[cardinality(live) - p_limit + 1] + p_window_ms - now_ms);
END
$$;

-- The generation slots: seats 1..ceiling of a pool, made on first use; a seat is free when it has no holder, or
-- when its holder has held it past the expiry the taker passes (a process that died holding it).
CREATE TABLE IF NOT EXISTS ltx4j_job_slot (
  pool text NOT NULL,
  seat int NOT NULL,
  holder text,
  bound boolean NOT NULL DEFAULT false,
  taken_at timestamptz,
  PRIMARY KEY (pool, seat)
);
CREATE UNIQUE INDEX IF NOT EXISTS ltx4j_job_slot_holder ON ltx4j_job_slot (pool, holder);

-- Takes a seat for p_holder if one of seats 1..p_ceiling is free; true also when p_holder holds one already.
-- Concurrent takers skip each other's locked seats, so that two never get the same one.
CREATE OR REPLACE FUNCTION ltx4j_take_slot(p_pool text, p_holder text, p_ceiling int, p_bound boolean,
    p_unbound_expiry_ms bigint, p_bound_expiry_ms bigint) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  free_seat int;
  now_at timestamptz := clock_timestamp();
BEGIN
  PERFORM 1 FROM ltx4j_job_slot WHERE pool = p_pool AND holder = p_holder;
  IF FOUND THEN
    RETURN true;
  END IF;
  FOR attempt IN 1..2 LOOP
    SELECT seat INTO free_seat FROM ltx4j_job_slot
     WHERE pool = p_pool AND seat <= p_ceiling
       AND (holder IS NULL
            OR (NOT bound AND taken_at < now_at - p_unbound_expiry_ms * interval '1 millisecond')
            OR taken_at < now_at - p_bound_expiry_ms * interval '1 millisecond')
     ORDER BY seat LIMIT 1 FOR UPDATE SKIP LOCKED;
    IF FOUND THEN
      UPDATE ltx4j_job_slot SET holder = p_holder, bound = p_bound, taken_at = now_at
       WHERE pool = p_pool AND seat = free_seat;
      RETURN true;
    END IF;
    EXIT WHEN attempt = 2
      OR (SELECT count(*) FROM ltx4j_job_slot WHERE pool = p_pool AND seat <= p_ceiling) >= p_ceiling;
    INSERT INTO ltx4j_job_slot (pool, seat) SELECT p_pool, g FROM generate_series(1, p_ceiling) AS g
      ON CONFLICT (pool, seat) DO NOTHING;
  END LOOP;
  RETURN false;
EXCEPTION WHEN unique_violation THEN
  RETURN true; -- the same holder took a seat at the same moment: it holds one
END
$$;

-- The seat held by p_key is now held by the job p_job_id (bound: it expires only after the longer expiry).
CREATE OR REPLACE FUNCTION ltx4j_bind_slot(p_pool text, p_key text, p_job_id text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ltx4j_job_slot SET holder = p_job_id, bound = true WHERE pool = p_pool AND holder = p_key;
  RETURN FOUND;
EXCEPTION WHEN unique_violation THEN
  -- the job holds a seat already (taken for it by a worker that recovered it): the key's seat is one too many
  UPDATE ltx4j_job_slot SET holder = NULL, bound = false, taken_at = NULL WHERE pool = p_pool AND holder = p_key;
  PERFORM pg_notify('ltx4j_slot_freed', p_pool);
  RETURN true;
END
$$;

-- Frees the seat p_holder holds, and tells the listeners of ltx4j_slot_freed; false when it held none.
CREATE OR REPLACE FUNCTION ltx4j_release_slot(p_pool text, p_holder text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ltx4j_job_slot SET holder = NULL, bound = false, taken_at = NULL WHERE pool = p_pool AND holder = p_holder;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  PERFORM pg_notify('ltx4j_slot_freed', p_pool);
  RETURN true;
END
$$;
DROP FUNCTION IF EXISTS ltx4j_pass_slot(text, text, text);

-- The batch ledger: a batch, its lines, and the workers that own them.
CREATE TABLE IF NOT EXISTS ltx4j_batch (
  id text PRIMARY KEY,
  source text NOT NULL,
  lines int NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- The spending cap (creative units), and why the batch stopped sending (an account refusal, the cap) once it did.
ALTER TABLE ltx4j_batch ADD COLUMN IF NOT EXISTS max_credits double precision;
ALTER TABLE ltx4j_batch ADD COLUMN IF NOT EXISTS stopped text;

-- One row per line. state: pending (nothing sent) → submitting (committed before the paid POST; sent_at set) →
-- submitted (job_id set) → done (file set) or failed (error set); unresolved when recovery found more matching jobs
-- than it can explain, and a person must choose. owner is the worker that may act on the line while it is alive.
CREATE TABLE IF NOT EXISTS ltx4j_batch_line (
  batch_id text NOT NULL REFERENCES ltx4j_batch (id) ON DELETE CASCADE,
  line int NOT NULL,
  request text NOT NULL,
  request_key text NOT NULL,
  state text NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'submitting', 'submitted', 'done', 'failed', 'unresolved')),
  owner text,
  sent_at timestamptz,
  job_id text,
  credits double precision,
  file text,
  error text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (batch_id, line)
);
-- epoch: how many times the line was claimed; a claim is its fencing token, and every change names it.
-- estimate: what the line's generation is expected to cost, counted against the cap until its price is known.
ALTER TABLE ltx4j_batch_line ADD COLUMN IF NOT EXISTS epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE ltx4j_batch_line ADD COLUMN IF NOT EXISTS estimate double precision NOT NULL DEFAULT 0;
-- sending: marked sending and not yet answered nor given up: its job may exist with its answer on the way.
ALTER TABLE ltx4j_batch_line ADD COLUMN IF NOT EXISTS sending boolean NOT NULL DEFAULT false;
-- A job belongs to one line, whatever the batch: recovery can never give one job to two lines.
CREATE UNIQUE INDEX IF NOT EXISTS ltx4j_batch_line_job ON ltx4j_batch_line (job_id);
CREATE INDEX IF NOT EXISTS ltx4j_batch_line_open ON ltx4j_batch_line (batch_id, line)
  WHERE state IN ('pending', 'submitting', 'submitted');

-- A worker is alive while seen_at is recent; the lines of one that is not go to the next worker that claims.
CREATE TABLE IF NOT EXISTS ltx4j_worker (
  id text PRIMARY KEY,
  batch_id text,
  host text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  seen_at timestamptz NOT NULL DEFAULT now()
);

-- Jobs made for a line that had one already (a worker that sent late, after its line passed on): paid for, so kept.
CREATE TABLE IF NOT EXISTS ltx4j_batch_extra (
  job_id text PRIMARY KEY,
  batch_id text NOT NULL REFERENCES ltx4j_batch (id) ON DELETE CASCADE,
  line int NOT NULL,
  credits double precision,
  found_at timestamptz NOT NULL DEFAULT now()
);

-- Lines waiting for a seat of a pool, first come first served across workers and batches; a row whose waiter has
-- not asked again for a while is dropped.
CREATE TABLE IF NOT EXISTS ltx4j_seat_queue (
  pool text NOT NULL,
  holder text NOT NULL,
  asked_at timestamptz NOT NULL,
  seen_at timestamptz NOT NULL,
  PRIMARY KEY (pool, holder)
);

-- What a batch has committed: each line's price once known, else its estimate once it may have been sent; extras too.
CREATE OR REPLACE FUNCTION ltx4j_batch_spent(p_batch text) RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT sum(CASE WHEN state = 'submitting' THEN estimate
                                   WHEN state IN ('submitted', 'done') THEN coalesce(credits, estimate)
                                   ELSE coalesce(credits, 0) END)
                     FROM ltx4j_batch_line WHERE batch_id = p_batch), 0)
       + coalesce((SELECT sum(coalesce(e.credits, l.estimate)) FROM ltx4j_batch_extra e
                     JOIN ltx4j_batch_line l ON l.batch_id = e.batch_id AND l.line = e.line
                    WHERE e.batch_id = p_batch), 0)
$$;

-- Marks a claimed line submitting, stamped with the database's clock, just before its paid request leaves: 'sending';
-- 'lost' when the claim is stale (owner or epoch moved on) or the line is not pending or submitting; 'stopped' when
-- the batch stopped; 'no_seat' when the line holds no seat; 'over_cap' when it would pass the batch's spending cap. With a cap, marks of a batch take its
-- row's lock one after the other, so that two workers cannot both pass the last of the cap.
CREATE OR REPLACE FUNCTION ltx4j_mark_submitting(p_batch text, p_line int, p_owner text, p_epoch bigint) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  b record;
  l record;
  adds double precision;
BEGIN
  SELECT stopped, max_credits INTO b FROM ltx4j_batch WHERE id = p_batch;
  IF b.max_credits IS NOT NULL THEN
    SELECT stopped, max_credits INTO b FROM ltx4j_batch WHERE id = p_batch FOR UPDATE;
  END IF;
  SELECT state, owner, epoch, estimate INTO l FROM ltx4j_batch_line WHERE batch_id = p_batch AND line = p_line;
  IF NOT FOUND OR l.owner IS DISTINCT FROM p_owner OR l.epoch <> p_epoch OR l.state NOT IN ('pending', 'submitting')
  THEN
    RETURN 'lost';
  END IF;
  IF b.stopped IS NOT NULL THEN
    RETURN 'stopped';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM ltx4j_job_slot WHERE holder = 'batch:' || p_batch || ':' || p_line) THEN
    RETURN 'no_seat'; -- taken back while its worker's lease had lapsed: never sent without one
  END IF;
  adds := CASE WHEN l.state = 'pending' THEN l.estimate ELSE 0 END;
  IF b.max_credits IS NOT NULL AND ltx4j_batch_spent(p_batch) + adds > b.max_credits + 1e-9 THEN
    RETURN 'over_cap';
  END IF;
  UPDATE ltx4j_batch_line SET state = 'submitting', sending = true, sent_at = clock_timestamp(), updated_at = now()
   WHERE batch_id = p_batch AND line = p_line;
  RETURN 'sending';
END
$$;

-- Records a line's job, whoever sent it: on the line while it waits for one ('line'), else as an extra job of the
-- line ('extra'); 'held' when another line holds that job already (and 'line' when this line does).
CREATE OR REPLACE FUNCTION ltx4j_mark_submitted(p_batch text, p_line int, p_job text, p_credits double precision)
RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ltx4j_batch_line WHERE job_id = p_job)
      OR EXISTS (SELECT 1 FROM ltx4j_batch_extra WHERE job_id = p_job) THEN
    RETURN CASE WHEN EXISTS (SELECT 1 FROM ltx4j_batch_line WHERE batch_id = p_batch AND line = p_line
                               AND job_id = p_job) THEN 'line' ELSE 'held' END;
  END IF;
  UPDATE ltx4j_batch_line SET state = 'submitted', sending = false, job_id = p_job, credits = p_credits,
         updated_at = now()
   WHERE batch_id = p_batch AND line = p_line AND state = 'submitting' AND job_id IS NULL;
  IF FOUND THEN
    RETURN 'line';
  END IF;
  INSERT INTO ltx4j_batch_extra (job_id, batch_id, line, credits) VALUES (p_job, p_batch, p_line, p_credits);
  RETURN 'extra';
EXCEPTION WHEN unique_violation THEN
  RETURN 'held'; -- another line took the job at the same moment
END
$$;

-- Takes a seat of p_pool for the batch line p_holder: true when it holds one already, or when fewer than p_ceiling
-- are held and no waiter who asked earlier (and asked again within p_timeout_ms) is still waiting. A seat whose line is
-- settled, or pending with no live owner, is freed first. Takers of a pool go one at a time (a transaction lock).
CREATE OR REPLACE FUNCTION ltx4j_take_seat(p_pool text, p_holder text, p_ceiling int, p_timeout_ms bigint)
RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  now_at timestamptz := clock_timestamp();
  mine timestamptz;
  held int;
  ahead int;
  free_seat int;
BEGIN
  PERFORM 1 FROM ltx4j_job_slot WHERE pool = p_pool AND holder = p_holder;
  IF FOUND THEN
    DELETE FROM ltx4j_seat_queue WHERE pool = p_pool AND holder = p_holder;
    RETURN true;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('ltx4j_seat:' || p_pool));
  UPDATE ltx4j_job_slot s SET holder = NULL, bound = false, taken_at = NULL
    FROM ltx4j_batch_line l
   WHERE s.pool = p_pool AND s.holder = 'batch:' || l.batch_id || ':' || l.line
     AND (l.state IN ('done', 'failed', 'unresolved')
          OR l.state = 'pending' AND (l.owner IS NULL OR NOT EXISTS (SELECT 1 FROM ltx4j_worker w WHERE w.id = l.owner
              AND w.seen_at > now_at - p_timeout_ms * interval '1 millisecond')));
  INSERT INTO ltx4j_seat_queue (pool, holder, asked_at, seen_at) VALUES (p_pool, p_holder, now_at, now_at)
    ON CONFLICT (pool, holder) DO UPDATE SET seen_at = now_at;
  DELETE FROM ltx4j_seat_queue WHERE pool = p_pool AND seen_at < now_at - 2 * p_timeout_ms * interval '1 millisecond';
  SELECT asked_at INTO mine FROM ltx4j_seat_queue WHERE pool = p_pool AND holder = p_holder;
  SELECT count(*) INTO held FROM ltx4j_job_slot WHERE pool = p_pool AND holder IS NOT NULL;
  SELECT count(*) INTO ahead FROM ltx4j_seat_queue
   WHERE pool = p_pool AND (asked_at < mine OR asked_at = mine AND holder < p_holder);
  IF held + ahead >= p_ceiling THEN
    RETURN false;
  END IF;
  SELECT seat INTO free_seat FROM ltx4j_job_slot WHERE pool = p_pool AND holder IS NULL ORDER BY seat LIMIT 1;
  IF NOT FOUND THEN
    SELECT coalesce(max(seat), 0) + 1 INTO free_seat FROM ltx4j_job_slot WHERE pool = p_pool;
    INSERT INTO ltx4j_job_slot (pool, seat) VALUES (p_pool, free_seat);
  END IF;
  UPDATE ltx4j_job_slot SET holder = p_holder, bound = true, taken_at = now_at WHERE pool = p_pool AND seat = free_seat;
  DELETE FROM ltx4j_seat_queue WHERE pool = p_pool AND holder = p_holder;
  RETURN true;
END
$$;

-- Gives the batch line p_holder a seat whatever the ceiling: its job runs at the service already.
CREATE OR REPLACE FUNCTION ltx4j_hold_seat(p_pool text, p_holder text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  free_seat int;
BEGIN
  PERFORM 1 FROM ltx4j_job_slot WHERE pool = p_pool AND holder = p_holder;
  IF FOUND THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('ltx4j_seat:' || p_pool));
  DELETE FROM ltx4j_seat_queue WHERE pool = p_pool AND holder = p_holder;
  SELECT seat INTO free_seat FROM ltx4j_job_slot WHERE pool = p_pool AND holder IS NULL ORDER BY seat LIMIT 1;
  IF NOT FOUND THEN
    SELECT coalesce(max(seat), 0) + 1 INTO free_seat FROM ltx4j_job_slot WHERE pool = p_pool;
    INSERT INTO ltx4j_job_slot (pool, seat) VALUES (p_pool, free_seat);
  END IF;
  UPDATE ltx4j_job_slot SET holder = p_holder, bound = true, taken_at = clock_timestamp()
   WHERE pool = p_pool AND seat = free_seat;
END
$$;

-- Frees the seat the batch line p_holder holds and hands it straight to the line that asked first and still asks
-- (it is told by name on ltx4j_seat, and no other waiter wakes); with nobody waiting, announces a free seat.
CREATE OR REPLACE FUNCTION ltx4j_release_seat(p_pool text, p_holder text, p_timeout_ms bigint) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  now_at timestamptz := clock_timestamp();
  freed int;
  next_holder text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('ltx4j_seat:' || p_pool));
  UPDATE ltx4j_job_slot SET holder = NULL, bound = false, taken_at = NULL
   WHERE pool = p_pool AND holder = p_holder RETURNING seat INTO freed;
  DELETE FROM ltx4j_seat_queue WHERE pool = p_pool AND holder = p_holder;
  IF freed IS NULL THEN
    RETURN false;
  END IF;
  SELECT holder INTO next_holder FROM ltx4j_seat_queue
   WHERE pool = p_pool AND seen_at > now_at - 2 * p_timeout_ms * interval '1 millisecond'
   ORDER BY asked_at, holder LIMIT 1;
  IF next_holder IS NULL THEN
    PERFORM pg_notify('ltx4j_slot_freed', p_pool);
    RETURN true;
  END IF;
  UPDATE ltx4j_job_slot SET holder = next_holder, bound = true, taken_at = now_at WHERE pool = p_pool AND seat = freed;
  DELETE FROM ltx4j_seat_queue WHERE pool = p_pool AND holder = next_holder;
  PERFORM pg_notify('ltx4j_seat', next_holder);
  RETURN true;
END
$$;
