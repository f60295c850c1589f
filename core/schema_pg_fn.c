/*
 * The portable dialect's SQL functions on PostgreSQL: functions of the
 * names and meaning integra calls on SQLite (its own fold, days_between
 * and audit_*(), and SQLite's json_*, strftime, date, julianday, total,
 * group_concat, ifnull, instr, round), created in the public schema by
 * core migration 1 (schema_pg.c).  docs/sql-dialect.md lists them with
 * their types.
 */
#include "integra.h"
#include "schema_pg.h"

/* Integra's own: fold (text_fold() of text.c: A-Z, Latin-1, Cyrillic
 * with Ѐ-Џ and Ґ to lower case, nothing else), days_between (ISO or
 * D.M.YYYY dates, NULL when either is not a date), the audit context. */
static const char fn_integra[] =
"CREATE OR REPLACE FUNCTION public.fold(s text) RETURNS text\n"
"  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$\n"
"  SELECT translate(s,\n"
"    'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ'\n"
"    'ЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯҐ',\n"
"    'abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþ'\n"
"    'ѐёђѓєѕіїјљњћќѝўџабвгдежзийклмнопрстуфхцчшщъыьэюяґ') $f$;\n"
"CREATE OR REPLACE FUNCTION public.integra_ymd(s text) RETURNS date\n"
"  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $f$\n"
"DECLARE p text[]; y int; m int; d int;\n"
"BEGIN\n"
"  p := regexp_match(s, '^(\\d{4})-(\\d{2})-(\\d{2})$');\n"
"  IF p IS NOT NULL THEN y := p[1]; m := p[2]; d := p[3];\n"
"  ELSE\n"
"    p := regexp_match(s, '^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})$');\n"
"    IF p IS NULL THEN RETURN NULL; END IF;\n"
"    y := p[3]; m := p[2]; d := p[1];\n"
"  END IF;\n"
"  IF y < 1 OR m < 1 OR m > 12 OR d < 1 OR\n"
"      d > extract(day FROM make_date(y, m, 1) + interval '1 month' - interval '1 day')\n"
"    THEN RETURN NULL; END IF;\n"
"  RETURN make_date(y, m, d);\n"
"END $f$;\n"
"CREATE OR REPLACE FUNCTION public.days_between(a text, b text) RETURNS integer\n"
"  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$\n"
"  SELECT public.integra_ymd(b) - public.integra_ymd(a) $f$;\n"
"CREATE OR REPLACE FUNCTION public.audit_user() RETURNS text\n"
"  LANGUAGE sql STABLE AS $f$\n"
"  SELECT coalesce(nullif(current_setting('integra.os_user', true), ''), 'unknown') $f$;\n"
"CREATE OR REPLACE FUNCTION public.audit_command() RETURNS text\n"
"  LANGUAGE sql STABLE AS $f$\n"
"  SELECT coalesce(current_setting('integra.command', true), '') $f$;\n"
"CREATE OR REPLACE FUNCTION public.audit_on() RETURNS boolean\n"
"  LANGUAGE sql STABLE AS $f$\n"
"  SELECT coalesce(current_setting('integra.audit_on', true), '1') <> '0' $f$;\n";

/* SQLite's scalar functions PostgreSQL lacks or has otherwise. */
static const char fn_scalar[] =
"CREATE OR REPLACE FUNCTION public.ifnull(a anycompatible, b anycompatible)\n"
"  RETURNS anycompatible LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$\n"
"  SELECT coalesce(a, b) $f$;\n"
"CREATE OR REPLACE FUNCTION public.instr(s text, t text) RETURNS integer\n"
"  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$ SELECT strpos(s, t) $f$;\n"
"CREATE OR REPLACE FUNCTION public.round(x double precision, n integer)\n"
"  RETURNS double precision LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$\n"
"  SELECT round(x::numeric, n)::double precision $f$;\n"
"CREATE OR REPLACE FUNCTION public.integra_total_add(s double precision,\n"
"  v double precision) RETURNS double precision\n"
"  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT s + coalesce(v, 0) $f$;\n"
"CREATE OR REPLACE AGGREGATE public.total(double precision) (\n"
"  SFUNC = public.integra_total_add, STYPE = double precision, INITCOND = '0');\n"
"CREATE OR REPLACE FUNCTION public.integra_concat(s text, v text, sep text)\n"
"  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$\n"
"  SELECT CASE WHEN v IS NULL THEN s WHEN s IS NULL THEN v\n"
"    ELSE s || coalesce(sep, '') || v END $f$;\n"
"CREATE OR REPLACE FUNCTION public.integra_concat(s text, v text)\n"
"  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$\n"
"  SELECT public.integra_concat(s, v, ',') $f$;\n"
"CREATE OR REPLACE AGGREGATE public.group_concat(text) (\n"
"  SFUNC = public.integra_concat, STYPE = text);\n"
"CREATE OR REPLACE AGGREGATE public.group_concat(text, text) (\n"
"  SFUNC = public.integra_concat, STYPE = text);\n";

/*
 * JSON kept as text, as SQLite keeps it: json() gives the type json (so
 * json_set embeds it rather than quoting it) with the spaces outside
 * strings removed; json_extract gives text (numbers too), true and false
 * as 1 and 0 as SQLite does; json_each has SQLite's columns key, value,
 * type and atom.  Paths are '$', '$.a.b' and '$.a[0]'.  json_object is
 * PostgreSQL's json_build_object, which only a superuser may declare;
 * for another role, one of text values (numbers become strings).
 */
static const char fn_json[] =
"CREATE OR REPLACE FUNCTION public.integra_json_path(p text) RETURNS text[]\n"
"  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$\n"
"  SELECT CASE WHEN p = '$' THEN '{}'::text[] ELSE string_to_array(\n"
"    regexp_replace(substr(p, 3), '\\[(\\d+)\\]', '.\\1', 'g'), '.') END $f$;\n"
"CREATE OR REPLACE FUNCTION public.integra_json_min(s text) RETURNS text\n"
"  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$\n"
"  SELECT regexp_replace(s, '(\"(?:[^\"\\\\]|\\\\.)*\")|\\s+', '\\1', 'g') $f$;\n"
"CREATE OR REPLACE FUNCTION public.json(s text) RETURNS json\n"
"  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$\n"
"  SELECT CASE WHEN translate(s, E' \\t\\n\\r', '') = s THEN s::json\n"
"    ELSE public.integra_json_min(s::json::text)::json END $f$;\n"
"CREATE OR REPLACE FUNCTION public.json_valid(s text) RETURNS boolean\n"
"  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $f$\n"
"BEGIN\n"
"  IF s IS NULL THEN RETURN NULL; END IF;\n"
"  PERFORM s::json;\n"
"  RETURN true;\n"
"EXCEPTION WHEN others THEN RETURN false;\n"
"END $f$;\n"
"CREATE OR REPLACE FUNCTION public.integra_json_atom(j jsonb) RETURNS text\n"
"  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$\n"
"  SELECT CASE jsonb_typeof(j) WHEN 'null' THEN NULL\n"
"    WHEN 'boolean' THEN CASE WHEN j = 'true'::jsonb THEN '1' ELSE '0' END\n"
"    WHEN 'string' THEN j #>> '{}'\n"
"    WHEN 'number' THEN j::text ELSE public.integra_json_min(j::text) END $f$;\n"
"CREATE OR REPLACE FUNCTION public.json_extract(s text, p text) RETURNS text\n"
"  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$\n"
"  SELECT public.integra_json_atom(s::jsonb #> public.integra_json_path(p)) $f$;\n"
"CREATE OR REPLACE FUNCTION public.json_extract(s json, p text) RETURNS text\n"
"  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$\n"
"  SELECT public.json_extract(s::text, p) $f$;\n"
"CREATE OR REPLACE FUNCTION public.json_set(s text, p text, v anyelement)\n"
"  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$\n"
"  SELECT public.integra_json_min(jsonb_set(s::jsonb,\n"
"    public.integra_json_path(p), coalesce(to_jsonb(v), 'null'::jsonb))::text) $f$;\n"
"CREATE OR REPLACE FUNCTION public.json_set(s text, p text, v text)\n"
"  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$\n"
"  SELECT public.json_set(s, p, to_jsonb(v)) $f$;\n"
"CREATE OR REPLACE FUNCTION public.json_remove(s text, p text) RETURNS text\n"
"  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$\n"
"  SELECT public.integra_json_min((s::jsonb #- public.integra_json_path(p))::text) $f$;\n"
"CREATE OR REPLACE FUNCTION public.integra_json_type(j json) RETURNS text\n"
"  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$\n"
"  SELECT CASE json_typeof(j) WHEN 'string' THEN 'text'\n"
"    WHEN 'boolean' THEN j::text WHEN 'number' THEN CASE WHEN j::text ~ '^-?\\d+$'\n"
"    THEN 'integer' ELSE 'real' END ELSE json_typeof(j) END $f$;\n"
"CREATE OR REPLACE FUNCTION public.json_each(s text)\n"
"  RETURNS TABLE (key text, value text, type text, atom text)\n"
"  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$\n"
"  SELECT e.key, public.integra_json_atom(e.value::jsonb),\n"
"    public.integra_json_type(e.value), CASE WHEN json_typeof(e.value) IN\n"
"    ('object', 'array') THEN NULL ELSE public.integra_json_atom(e.value::jsonb) END\n"
"  FROM json_each(CASE json_typeof(s::json) WHEN 'object' THEN s::json\n"
"    ELSE '{}'::json END) e\n"
"  UNION ALL\n"
"  SELECT (a.n - 1)::text, public.integra_json_atom(a.v::jsonb),\n"
"    public.integra_json_type(a.v), CASE WHEN json_typeof(a.v) IN\n"
"    ('object', 'array') THEN NULL ELSE public.integra_json_atom(a.v::jsonb) END\n"
"  FROM json_array_elements(CASE json_typeof(s::json) WHEN 'array' THEN s::json\n"
"    ELSE '[]'::json END) WITH ORDINALITY a(v, n) $f$;\n"
"DO $d$ BEGIN\n"
"  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN\n"
"    CREATE OR REPLACE FUNCTION public.json_object(VARIADIC \"any\") RETURNS json\n"
"      LANGUAGE internal STABLE PARALLEL SAFE AS 'json_build_object';\n"
"  ELSE\n"
"    CREATE OR REPLACE FUNCTION public.json_object(VARIADIC kv text[])\n"
"      RETURNS json LANGUAGE sql IMMUTABLE PARALLEL SAFE AS\n"
"      'SELECT pg_catalog.json_object(kv)';\n"
"  END IF;\n"
"END $d$;\n";

/*
 * SQLite's date and time functions on the ISO text integra stores:
 * integra_time reads a time value ('now', YYYY-MM-DD, with HH:MM[:SS[.f]]
 * after a space or T, a trailing Z or an offset +HH:MM taken off) as a UTC
 * timestamp, a day beyond the month's end carried into the next as SQLite
 * does, NULL otherwise;
 * integra_modify applies the modifiers integra uses ('localtime', 'utc',
 * '+N days|months|years|hours|minutes|seconds', 'start of
 * month|year|day').
 */
static const char fn_time[] =
"CREATE OR REPLACE FUNCTION public.integra_time(s text) RETURNS timestamp\n"
"  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $f$\n"
"DECLARE p text[];\n"
"BEGIN\n"
"  IF lower(s) = 'now' THEN RETURN statement_timestamp() AT TIME ZONE 'UTC'; END IF;\n"
"  p := regexp_match(s, '^(\\d{4})-(\\d{2})-(\\d{2})(?:[ T](\\d{2}):(\\d{2})'\n"
"    '(?::(\\d{2}(?:\\.\\d+)?))?)?(Z|[+-]\\d{2}:\\d{2})?$');\n"
"  IF p IS NULL OR p[2]::int NOT BETWEEN 1 AND 12 OR p[3]::int NOT BETWEEN 1 AND 31\n"
"      OR coalesce(p[4]::int, 0) > 23 OR coalesce(p[5]::int, 0) > 59\n"
"      OR coalesce(p[6]::numeric, 0) >= 60 THEN RETURN NULL; END IF;\n"
"  RETURN make_timestamp(p[1]::int, p[2]::int, 1, coalesce(p[4]::int, 0),\n"
"    coalesce(p[5]::int, 0), coalesce(p[6]::double precision, 0))\n"
"    + (p[3]::int - 1) * interval '1 day'\n"
"    - CASE WHEN p[7] LIKE '_%:%' THEN (p[7] || ' hours')::interval\n"
"      ELSE interval '0' END;\n"
"END $f$;\n"
"CREATE OR REPLACE FUNCTION public.integra_modify(t timestamp, m text)\n"
"  RETURNS timestamp LANGUAGE plpgsql STABLE PARALLEL SAFE AS $f$\n"
"DECLARE p text[]; d int;\n"
"BEGIN\n"
"  m := lower(trim(m));\n"
"  IF t IS NULL OR m IS NULL THEN RETURN NULL; END IF;\n"
"  IF m = 'localtime' THEN RETURN (t AT TIME ZONE 'UTC') AT TIME ZONE\n"
"    current_setting('TimeZone'); END IF;\n"
"  IF m = 'utc' THEN RETURN (t AT TIME ZONE current_setting('TimeZone'))\n"
"    AT TIME ZONE 'UTC'; END IF;\n"
"  IF m = 'start of month' THEN RETURN date_trunc('month', t); END IF;\n"
"  IF m = 'start of year' THEN RETURN date_trunc('year', t); END IF;\n"
"  IF m = 'start of day' THEN RETURN date_trunc('day', t); END IF;\n"
"  p := regexp_match(m, '^([+-]?\\d+(?:\\.\\d+)?)\\s*(day|month|year|hour|minute|second)s?$');\n"
"  IF p IS NULL THEN RETURN NULL; END IF;\n"
"  IF p[2] IN ('month', 'year') THEN\n"
"    d := extract(day FROM t);\n"
"    RETURN date_trunc('month', t) + (p[1]::int * CASE p[2] WHEN 'year' THEN 12\n"
"      ELSE 1 END) * interval '1 month' + (d - 1) * interval '1 day'\n"
"      + (t - date_trunc('day', t));\n"
"  END IF;\n"
"  RETURN t + p[1]::double precision * ('1 ' || p[2])::interval;\n"
"END $f$;\n"
"CREATE OR REPLACE FUNCTION public.integra_time(s text, m text[]) RETURNS timestamp\n"
"  LANGUAGE plpgsql STABLE PARALLEL SAFE AS $f$\n"
"DECLARE t timestamp := public.integra_time(s); i int;\n"
"BEGIN\n"
"  FOR i IN 1 .. coalesce(array_length(m, 1), 0) LOOP\n"
"    t := public.integra_modify(t, m[i]);\n"
"  END LOOP;\n"
"  RETURN t;\n"
"END $f$;\n"
"CREATE OR REPLACE FUNCTION public.integra_strftime(f text, t timestamp)\n"
"  RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$\n"
"  SELECT replace(replace(replace(replace(replace(replace(replace(replace(\n"
"    replace(replace(replace(replace(replace(f, '%%', chr(1)),\n"
"    '%Y', to_char(t, 'YYYY')), '%m', to_char(t, 'MM')),\n"
"    '%d', to_char(t, 'DD')), '%H', to_char(t, 'HH24')),\n"
"    '%M', to_char(t, 'MI')), '%S', to_char(t, 'SS')),\n"
"    '%f', to_char(t, 'SS.MS')), '%j', to_char(t, 'DDD')),\n"
"    '%w', extract(dow FROM t)::text),\n"
"    '%s', floor(extract(epoch FROM t))::bigint::text),\n"
"    '%J', (extract(epoch FROM t) / 86400 + 2440587.5)::text), chr(1), '%') $f$;\n"
"CREATE OR REPLACE FUNCTION public.strftime(f text, s text, VARIADIC m text[])\n"
"  RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $f$\n"
"  SELECT public.integra_strftime(f, public.integra_time(s, m)) $f$;\n"
"CREATE OR REPLACE FUNCTION public.strftime(f text, s text) RETURNS text\n"
"  LANGUAGE sql STABLE PARALLEL SAFE AS $f$\n"
"  SELECT public.integra_strftime(f, public.integra_time(s)) $f$;\n"
"CREATE OR REPLACE FUNCTION public.date(s text, VARIADIC m text[]) RETURNS text\n"
"  LANGUAGE sql STABLE PARALLEL SAFE AS $f$\n"
"  SELECT public.integra_strftime('%Y-%m-%d', public.integra_time(s, m)) $f$;\n"
"CREATE OR REPLACE FUNCTION public.date(s text) RETURNS text\n"
"  LANGUAGE sql STABLE PARALLEL SAFE AS $f$\n"
"  SELECT public.integra_strftime('%Y-%m-%d', public.integra_time(s)) $f$;\n"
"CREATE OR REPLACE FUNCTION public.julianday(s text, VARIADIC m text[])\n"
"  RETURNS double precision LANGUAGE sql STABLE PARALLEL SAFE AS $f$\n"
"  SELECT extract(epoch FROM public.integra_time(s, m))::double precision / 86400\n"
"    + 2440587.5 $f$;\n"
"CREATE OR REPLACE FUNCTION public.julianday(s text) RETURNS double precision\n"
"  LANGUAGE sql STABLE PARALLEL SAFE AS $f$\n"
"  SELECT extract(epoch FROM public.integra_time(s))::double precision / 86400\n"
"    + 2440587.5 $f$;\n";

/* The SQL that creates every function above; it may run again. */
void
schema_pg_functions(struct buf *b)
{
	buf_adds(b, fn_integra);
	buf_adds(b, fn_scalar);
	buf_adds(b, fn_json);
	buf_adds(b, fn_time);
}
