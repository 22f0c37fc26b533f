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

-- Hands the seat p_from holds straight to p_to (bound), without freeing it: a process that has a submission waiting
-- passes a finished job's seat on in one round trip, and no other process is woken for it. False when p_from held
-- none; true when p_to holds a seat afterwards (if it held one already, p_from's is freed instead).
CREATE OR REPLACE FUNCTION ltx4j_pass_slot(p_pool text, p_from text, p_to text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ltx4j_job_slot SET holder = p_to, bound = true, taken_at = clock_timestamp()
   WHERE pool = p_pool AND holder = p_from;
  RETURN FOUND;
EXCEPTION WHEN unique_violation THEN
  UPDATE ltx4j_job_slot SET holder = NULL, bound = false, taken_at = NULL WHERE pool = p_pool AND holder = p_from;
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

-- The batch ledger: a batch, its lines, and the workers that own them.
CREATE TABLE IF NOT EXISTS ltx4j_batch (
  id text PRIMARY KEY,
  source text NOT NULL,
  lines int NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

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
