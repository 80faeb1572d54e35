#!/bin/sh
# dify-console-probe/v1
# The pre-flight probe: run by a short-lived Job inside the chosen ACK cluster, it tries what Dify
# will do and prints ONE JSON line per check on stdout:
#   {"check":"<id>","ok":true|false,"code":"<outcome>","detail":"<what the tool said>","ms":<n>}
# Needs: sh, awk, sed, getent, psql, nc, wget (postgres:16-alpine has them all: busybox + psql).
# Input (environment): PG_HOST PG_PORT PG_USER PGPASSWORD, REDIS_HOST REDIS_PORT REDIS_PASSWORD,
# MILVUS_HOST MILVUS_PORT MILVUS_USER MILVUS_PASSWORD. Passwords come from a Secret and are never
# printed; error texts are the tools' own, which never contain them.
set -u
export PGCONNECT_TIMEOUT=5

ms() { awk '{ printf "%d", $1 * 1000 }' /proc/uptime; }
esc() { tr '\r\n\t' '   ' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/  *$//' | cut -c1-400; }
emit() { # check ok code detail started
  printf '{"check":"%s","ok":%s,"code":"%s","detail":"%s","ms":%s}\n' "$1" "$2" "$3" "$(printf '%s' "$4" | esc)" "$(( $(ms) - $5 ))"
}

# ── DNS ──
for pair in "postgres:$PG_HOST" "redis:$REDIS_HOST" "milvus:$MILVUS_HOST"; do
  name=${pair%%:*}; host=${pair#*:}; t=$(ms)
  ip=$(getent hosts "$host" | awk '{ print $1; exit }')
  if [ -n "$ip" ]; then emit "dns.$name" true ok "$host $ip" "$t"; else emit "dns.$name" false nxdomain "$host: no such host" "$t"; fi
done

# ── PostgreSQL: login, then dify and dify_plugin exist or can be created ──
pg() { psql "host=$PG_HOST port=$PG_PORT user=$PG_USER dbname=postgres sslmode=prefer" -XtAqc "$1" 2>&1; }
t=$(ms)
out=$(pg "select current_setting('server_version') || ' ' || (rolsuper or rolcreatedb)::text from pg_roles where rolname = current_user")
rc=$?
may=false
if [ $rc -eq 0 ]; then
  may=${out##* }
  emit postgres.login true ok "server ${out% *}, may create databases: $may" "$t"
else
  case "$out" in
    *"password authentication failed"*|*"does not exist"*) code=auth ;;
    *"no pg_hba.conf entry"*) code=pg_hba ;;
    *"timeout expired"*|*"timed out"*) code=timeout ;;
    *"Connection refused"*) code=refused ;;
    *"could not translate host name"*) code=dns ;;
    *) code=error ;;
  esac
  emit postgres.login false "$code" "$(printf '%s' "$out" | sed -e 's/^psql: error: //' | tail -n 1)" "$t"
fi
for db in dify dify_plugin; do
  t=$(ms)
  if [ $rc -ne 0 ]; then emit "postgres.db.$db" false skipped "no login" "$t"; continue; fi
  if [ "$(pg "select 1 from pg_database where datname = '$db'")" = "1" ]; then emit "postgres.db.$db" true exists "database \"$db\" exists" "$t"
  elif [ "$may" = "true" ]; then emit "postgres.db.$db" true creatable "database \"$db\" does not exist; the account may create it" "$t"
  else emit "postgres.db.$db" false denied "database \"$db\" does not exist and role \"$PG_USER\" may not create databases" "$t"; fi
done

# ── Redis: AUTH, a multi-key BRPOP as Celery issues it (CROSSSLOT on a cluster), a round trip ──
bulk() { printf '$%s\r\n%s\r\n' "$(printf '%s' "$1" | wc -c | tr -d ' ')" "$1"; }
t=$(ms)
reply=$( {
  printf '*2\r\n'; bulk AUTH; bulk "$REDIS_PASSWORD"
  printf '*4\r\n'; bulk BRPOP; bulk dify-console-probe:a; bulk dify-console-probe:b; bulk 1
  printf '*3\r\n'; bulk SET; bulk dify-console-probe:k; bulk ok
  printf '*2\r\n'; bulk GET; bulk dify-console-probe:k
  printf '*2\r\n'; bulk DEL; bulk dify-console-probe:k
  printf '*1\r\n'; bulk QUIT
} | nc -w 5 "$REDIS_HOST" "$REDIS_PORT" 2>&1 | tr -d '\r')
first=$(printf '%s\n' "$reply" | sed -n 1p)
case "$first" in
  +OK) emit redis.auth true ok "+OK" "$t"; auth=ok ;;
  -WRONGPASS*|-ERR\ invalid\ password*|-ERR\ invalid\ username*) emit redis.auth false wrongpass "${first#-}" "$t"; auth=no ;;
  -NOAUTH*|-ERR\ AUTH*) emit redis.auth false noauth "${first#-}" "$t"; auth=no ;;
  *"timed out"*|*timeout*) emit redis.auth false timeout "$first" "$t"; auth=no ;;
  *refused*) emit redis.auth false refused "$first" "$t"; auth=no ;;
  *"bad address"*) emit redis.auth false dns "$first" "$t"; auth=no ;;
  *) emit redis.auth false error "${first:-no answer}" "$t"; auth=no ;;
esac
if [ "$auth" = ok ]; then
  second=$(printf '%s\n' "$reply" | sed -n 2p)
  case "$second" in
    -CROSSSLOT*) emit redis.mode false crossslot "${second#-}" "$t" ;;
    -*) emit redis.mode false error "${second#-}" "$t" ;;
    *) emit redis.mode true ok "BRPOP over two keys answered ($second)" "$t" ;;
  esac
  if printf '%s\n' "$reply" | grep -qx ok; then emit redis.roundtrip true ok "SET/GET/DEL answered" "$t"; else emit redis.roundtrip false error "SET/GET did not round-trip" "$t"; fi
else
  emit redis.mode false skipped "no AUTH" "$t"; emit redis.roundtrip false skipped "no AUTH" "$t"
fi

# ── Milvus: list collections with user:password (REST v2 on the gRPC port) ──
t=$(ms)
out=$(wget -q -O - -T 5 --header "Authorization: Bearer $MILVUS_USER:$MILVUS_PASSWORD" --header 'Content-Type: application/json' \
  --post-data '{}' "http://$MILVUS_HOST:$MILVUS_PORT/v2/vectordb/collections/list" 2>&1)
case "$out" in
  *'"code":0'*) emit milvus.login true ok "$out" "$t" ;;
  *'"code":1800'*|*'"code":2'*|*auth*|*Unauthenticated*) emit milvus.login false auth "$out" "$t" ;;
  *refused*) emit milvus.login false refused "$out" "$t" ;;
  *"timed out"*) emit milvus.login false timeout "$out" "$t" ;;
  *"bad address"*) emit milvus.login false dns "$out" "$t" ;;
  *) emit milvus.login false error "${out:-no answer}" "$t" ;;
esac
exit 0
