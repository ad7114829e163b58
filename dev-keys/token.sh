#!/usr/bin/env bash
# Mints a development JWT signed with dev-keys/jwt-private.pem (dev and test profiles trust it).
# Usage: token.sh ROLE [SUBJECT] [LOCATION_CODE] [MINUTES]
#   ROLE: customer | payments | warehouse | admin
# OMS_JWT_AUDIENCE=AUD adds "aud": AUD, for a service that checks the audience (the dev k8s overlay: oms-dev).
set -euo pipefail
role=${1:?usage: token.sh ROLE [SUBJECT] [LOCATION_CODE] [MINUTES]}
sub=${2:-$role-1}
location=${3:-}
minutes=${4:-60}
dir=$(cd "$(dirname "$0")" && pwd)
b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header='{"alg":"RS256","typ":"JWT"}'
claims="{\"iss\":\"https://oms.dev/issuer\",\"sub\":\"$sub\",\"upn\":\"$sub\",\"groups\":[\"$role\"],\"iat\":$now,\"exp\":$((now + minutes * 60))"
[ -n "$location" ] && claims="$claims,\"location\":\"$location\""
[ -n "${OMS_JWT_AUDIENCE:-}" ] && claims="$claims,\"aud\":\"$OMS_JWT_AUDIENCE\""
claims="$claims}"
unsigned="$(printf '%s' "$header" | b64).$(printf '%s' "$claims" | b64)"
signature=$(printf '%s' "$unsigned" | openssl dgst -sha256 -sign "$dir/jwt-private.pem" | b64)
printf '%s.%s\n' "$unsigned" "$signature"
