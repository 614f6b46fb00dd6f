#!/usr/bin/env bash
# A whole Amazon Pay checkout against the simulator with nothing but curl and openssl, as a PHP,
# Java, .NET or shell integration would drive it: every API request signed here with the openssl
# command line (AMZN-PAY-RSASSA-PSS-V2: RSASSA-PSS, SHA-256, MGF1 SHA-256, salt 32), the buyer's part
# through the control plane. Run by test/curl-checkout.test.ts with:
#   SIM_URL      the simulator's base URL (https)      CA_FILE  the CA to trust (curl --cacert)
#   KEY_ID       the public key id                     KEY_FILE the private key (PEM)
#   CONTROL_TOKEN the control plane's token, when the simulator listens beyond loopback (optional)
# Prints NAME=value lines: the ids it made and what the simulator answered.
set -euo pipefail

host="${SIM_URL#*://}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# json_field NAME FILE: the first string (or number) value of NAME in the JSON text of FILE.
json_field() {
  grep -o "\"$1\":\"\\?[^\",}]*" "$2" | head -n 1 | sed -e "s/^\"$1\":\"\\?//"
}

# signed METHOD PATH [BODY] [IDEMPOTENCY-KEY]: one signed API request; the answer lands in $tmp/body,
# its status in $status.
signed() {
  local method="$1" path="$2" body="${3-}" idempotency="${4-}"
  local date
  date="$(date -u +%Y%m%dT%H%M%SZ)"
  local names=(accept content-type x-amz-pay-date x-amz-pay-host)
  local values=("application/json" "application/json" "$date" "$host")
  if [ -n "$idempotency" ]; then
    names+=(x-amz-pay-idempotency-key)
    values+=("$idempotency")
  fi
  names+=(x-amz-pay-region)
  values+=(na)
  local canonical_headers="" signed_headers="" args=()
  for i in "${!names[@]}"; do
    canonical_headers+="${names[$i]}:${values[$i]}"$'\n'
    signed_headers+="${signed_headers:+;}${names[$i]}"
    args+=(-H "${names[$i]}: ${values[$i]}")
  done
  local payload_hash
  payload_hash="$(printf '%s' "$body" | openssl dgst -sha256 -r | cut -d' ' -f1)"
  # method, URI, query (none), headers block (ends in its own newline), signed headers, payload hash
  local canonical="$method"$'\n'"$path"$'\n'$'\n'"$canonical_headers"$'\n'"$signed_headers"$'\n'"$payload_hash"
  local canonical_hash
  canonical_hash="$(printf '%s' "$canonical" | openssl dgst -sha256 -r | cut -d' ' -f1)"
  printf 'AMZN-PAY-RSASSA-PSS-V2\n%s' "$canonical_hash" >"$tmp/string-to-sign"
  local signature
  signature="$(openssl dgst -sha256 -sign "$KEY_FILE" -sigopt rsa_padding_mode:pss \
    -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha256 "$tmp/string-to-sign" | openssl base64 -A)"
  args+=(-H "authorization: AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=$KEY_ID, SignedHeaders=$signed_headers, Signature=$signature")
  if [ -n "$body" ]; then args+=(--data-binary "$body"); fi
  status="$(curl -sS --cacert "$CA_FILE" -X "$method" -o "$tmp/body" -w '%{http_code}' "${args[@]}" "$SIM_URL$path")"
  case "$status" in
    2*) ;;
    *)
      echo "$method $path answered $status: $(cat "$tmp/body")" >&2
      exit 1
      ;;
  esac
}

# control METHOD PATH [BODY]: a control plane call (a bearer token, not a signature).
control() {
  local args=(-sS --fail-with-body --cacert "$CA_FILE" -X "$1" -o "$tmp/control" -H 'content-type: application/json')
  if [ -n "${CONTROL_TOKEN-}" ]; then args+=(-H "authorization: Bearer $CONTROL_TOKEN"); fi
  if [ -n "${3-}" ]; then args+=(--data-binary "$3"); fi
  curl "${args[@]}" "$SIM_URL/__simulator$2" || {
    echo "control $1 $2 failed: $(cat "$tmp/control")" >&2
    exit 1
  }
}

amount='{"amount":"49.90","currencyCode":"USD"}'

signed POST /v2/checkoutSessions \
  '{"storeId":"amzn1.application-oa2-client.0123456789abcdef0123456789abcdef","webCheckoutDetails":{"checkoutReviewReturnUrl":"https://shop.example/review","checkoutResultReturnUrl":"https://shop.example/result"},"chargePermissionType":"OneTime"}' \
  "curl-create-$$"
session="$(json_field checkoutSessionId "$tmp/body")"
echo "checkoutSessionId=$session"

# The buyer signs in on the hosted page, choosing a card.
control POST "/checkout-sessions/$session/approve" '{"paymentMethod":"4444"}'

signed PATCH "/v2/checkoutSessions/$session" \
  "{\"paymentDetails\":{\"paymentIntent\":\"Authorize\",\"chargeAmount\":$amount},\"merchantMetadata\":{\"merchantReferenceId\":\"order-curl-1\"}}"
echo "redirect=$(json_field amazonPayRedirectUrl "$tmp/body")"

# The buyer confirms at amazonPayRedirectUrl.
control POST "/checkout-sessions/$session/approve" '{}'

signed POST "/v2/checkoutSessions/$session/complete" "{\"chargeAmount\":$amount}"
charge="$(json_field chargeId "$tmp/body")"
echo "chargeId=$charge"
echo "chargePermissionId=$(json_field chargePermissionId "$tmp/body")"

signed POST "/v2/charges/$charge/capture" "{\"captureAmount\":$amount,\"softDescriptor\":\"CURL SHOP\"}" "curl-capture-$$"
echo "captureState=$(json_field state "$tmp/body")"

signed POST /v2/refunds "{\"chargeId\":\"$charge\",\"refundAmount\":{\"amount\":\"10.00\",\"currencyCode\":\"USD\"}}" "curl-refund-$$"
refund="$(json_field refundId "$tmp/body")"
echo "refundId=$refund"
echo "refundStateAtFirst=$(json_field state "$tmp/body")"

# Refunds take 30 s at Amazon: move the simulated clock instead of waiting.
control POST /clock/advance '{"ms":30000}'
signed GET "/v2/refunds/$refund"
echo "refundState=$(json_field state "$tmp/body")"

# Wait until every IPN due now was delivered.
control POST /notifications/settle
echo "deliveries=$(grep -o '"outcome":"delivered"' "$tmp/control" | wc -l | tr -d ' ')"
