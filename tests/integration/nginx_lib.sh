# Sourced by the integration tests and the bench scripts that need a real nginx (Debian
# nginx-light): one way to start it on 127.0.0.1 with its own config in a temp dir.
#
#   free_port                      a free TCP port on 127.0.0.1
#   start_nginx DIR 'HTTP BLOCK'   writes DIR/nginx.conf (one worker, no access log, temp paths
#                                  in DIR, unlimited keep-alive) with the given text (server
#                                  blocks and other http directives) inside `http {}`, starts
#                                  nginx in the foreground of a background job, sets nginx_pid
#   wait_http URL [CURL ARGS...]   waits up to 5 s until URL answers
#   stop_nginx                     stops it (for the scripts' EXIT trap)

nginx_pid=

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_nginx() {
  local dir=$1 http_block=$2 user_line=""
  mkdir -p "$dir/tmp"
  [ "$(id -u)" = 0 ] && user_line="user root;"
  cat > "$dir/nginx.conf" <<EOF
$user_line
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/tmp;
  proxy_temp_path $dir/tmp;
  fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp;
  scgi_temp_path $dir/tmp;
  keepalive_requests 100000000;
  $http_block
}
EOF
  "$(command -v nginx || echo /usr/sbin/nginx)" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
  nginx_pid=$!
}

wait_http() {
  local url=$1
  shift
  for _ in $(seq 50); do
    curl -s -o /dev/null "$@" "$url" && return 0
    sleep 0.1
  done
  echo "bench: $url does not answer" >&2
  return 1
}

stop_nginx() {
  if [ -n "$nginx_pid" ]; then
    kill "$nginx_pid" 2> /dev/null && wait "$nginx_pid" 2> /dev/null
    nginx_pid=
  fi
  return 0
}
