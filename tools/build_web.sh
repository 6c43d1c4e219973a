#!/usr/bin/env bash
# Vendor Leaflet (the dashboard map) and swagger-ui-dist (the /docs page) into the package so the dashboard works offline with no Node on the
# user's machine. Run by a maintainer when the version changes; the result is committed.
set -euo pipefail
LEAFLET_VERSION="${LEAFLET_VERSION:-1.9.4}"
SWAGGER_UI_VERSION="${SWAGGER_UI_VERSION:-5.35.0}"
cd "$(dirname "$0")/.."
dest="src/railwatch/web/static/vendor/leaflet"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts "leaflet@${LEAFLET_VERSION}" "swagger-ui-dist@${SWAGGER_UI_VERSION}" >/dev/null)
pkg="$work/node_modules/leaflet"
rm -rf "$dest"
mkdir -p "$dest/images"
cp "$pkg/dist/leaflet.js" "$pkg/dist/leaflet.css" "$dest/"
cp "$pkg/dist/images/"*.png "$dest/images/"
cp "$pkg/LICENSE" "$dest/LICENSE"
printf 'leaflet %s (npm), copied from dist/ by tools/build_web.sh\n' "$LEAFLET_VERSION" > "$dest/VERSION.txt"
echo "vendored leaflet ${LEAFLET_VERSION} into $dest"
swagger="src/railwatch/web/static/vendor/swagger-ui"
rm -rf "$swagger"
mkdir -p "$swagger"
cp "$work/node_modules/swagger-ui-dist/swagger-ui-bundle.js" "$work/node_modules/swagger-ui-dist/swagger-ui.css" "$swagger/"
cp "$work/node_modules/swagger-ui-dist/LICENSE" "$swagger/LICENSE"
printf 'swagger-ui-dist %s (npm), copied by tools/build_web.sh\n' "$SWAGGER_UI_VERSION" > "$swagger/VERSION.txt"
echo "vendored swagger-ui-dist ${SWAGGER_UI_VERSION} into $swagger"
