#!/usr/bin/env bash
# Instala con apt-get los paquetes de Debian de paquetes-debian.txt que falten.
# Lo llama «make test»; no hace nada si ya están todos.
set -euo pipefail
cd "$(dirname "$0")/.."
faltan=()
while read -r paquete; do
  paquete="${paquete%%#*}"; paquete="${paquete// /}"
  [ -n "$paquete" ] || continue
  dpkg-query -W -f='${Status}' "$paquete" 2>/dev/null | grep -q "install ok installed" || faltan+=("$paquete")
done < paquetes-debian.txt
[ ${#faltan[@]} -eq 0 ] && exit 0
echo "Instalando paquetes de Debian: ${faltan[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${faltan[@]}" >/dev/null
