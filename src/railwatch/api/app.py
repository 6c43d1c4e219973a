"""The FastAPI application: routes over the store, the network and the impact engine."""

from __future__ import annotations

import hmac
import json
import logging
from dataclasses import dataclass
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Annotated, Any, Literal

from fastapi import Body, Depends, FastAPI, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from railwatch.api.backend import StoreBackend, UnknownIncident, open_backend
from railwatch.api.closures_now import closures_on
from railwatch.api.csv_safe import records_to_csv
from railwatch.api.filters import parse_bbox, parse_near
from railwatch.api.impact_view import CriticalityCache, default_demand, impact_of
from railwatch.api.limits import BodyLimit
from railwatch.api.problems import Problem, install_problem_handlers, problem_response
from railwatch.api.settings import TOKEN_ENV, ApiSettings
from railwatch.store import ACTIONS, SORTS, STATUSES, FilterError, IncidentFilter, StoreError

log = logging.getLogger("railwatch.api")

SORT_NAMES = tuple(SORTS)
# The dashboard runs only its own files: no inline script, nothing from elsewhere.
DASHBOARD_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


@dataclass
class Context:
    """What the routes share: settings, network, store, demand and cached answers."""

    settings: ApiSettings
    network: Any
    backend: StoreBackend
    demand: Any
    network_geojson: bytes
    criticality: CriticalityCache


def web_static_dir() -> Traversable:
    return resources.files("railwatch.web").joinpath("static")


def build_context(settings: ApiSettings) -> Context:
    from railwatch.network import resolve_network

    network = resolve_network(settings.network_path)
    backend = open_backend(network, data_dir=settings.data_dir, url=settings.database_url)
    demand = default_demand(network, settings.demand_path)
    geojson = json.dumps(network.to_geojson(), ensure_ascii=False).encode("utf-8")
    return Context(settings, network, backend, demand, geojson, CriticalityCache(network, demand))


def create_app(settings: ApiSettings | None = None, context: Context | None = None) -> FastAPI:
    """The application for `settings` (default: from the environment)."""
    settings = settings or ApiSettings.from_env()
    ctx = context or build_context(settings)
    app = FastAPI(
        title="railwatch API",
        version="1",
        description=(
            "Incidents on a rail network with their sources and claims, and what the "
            "closures do. Writes need `Authorization: Bearer <RAILWATCH_API_TOKEN>`. "
            "Report text is untrusted: escape it wherever you show it."
        ),
        docs_url=None,
        redoc_url=None,
    )
    app.state.ctx = ctx
    install_problem_handlers(app)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return problem_response(
            500,
            "Internal error",
            f"{type(exc).__name__}: {exc}. This is a bug in railwatch; the server log has "
            "the trace. Retrying will not help.",
            request.url.path,
        )

    @app.exception_handler(StoreError)
    async def _store_down(request: Request, exc: StoreError) -> JSONResponse:
        log.error("store error: %s", exc)
        return problem_response(
            503,
            "The store cannot be used",
            f"{exc}. Check that the database answers (RAILWATCH_DATABASE_URL) and retry.",
            request.url.path,
        )

    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodyLimit, limit=settings.body_limit)
    app.mount("/static", StaticFiles(directory=str(web_static_dir())), name="static")
    _routes(app, ctx)
    return app


def _writer(request: Request) -> None:
    """Dependency of every write: the bearer token must match RAILWATCH_API_TOKEN."""
    settings: ApiSettings = request.app.state.ctx.settings
    expected = settings.token
    if settings.read_only or expected is None:
        raise Problem(
            403,
            "This server is read-only",
            f"It was started without {TOKEN_ENV}; restart `railwatch serve` with that "
            "variable set to allow writes, and send it as 'Authorization: Bearer <token>'.",
        )
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Problem(
            401,
            "Authentication required",
            "Send the server's token as 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(token.encode(), expected.encode()):
        raise Problem(
            401,
            "Wrong token",
            f"The bearer token does not match the server's {TOKEN_ENV}.",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )


Writer = Depends(_writer)


def incident_query(
    since: Annotated[date | None, Query(description="First day (YYYY-MM-DD)")] = None,
    until: Annotated[date | None, Query(description="Last day (YYYY-MM-DD)")] = None,
    type: Annotated[str | None, Query(description="Incident type, e.g. explosion")] = None,
    line: Annotated[str | None, Query(description="Start of a line name, any case")] = None,
    near: Annotated[str | None, Query(description="'lon,lat' centre for km")] = None,
    km: Annotated[float | None, Query(gt=0, description="Radius around near")] = None,
    status: Annotated[
        Literal[STATUSES] | None,  # type: ignore[valid-type]
        Query(description="Default: every status but merged"),
    ] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north")] = None,
    sort: Annotated[Literal[SORT_NAMES], Query()] = "date",  # type: ignore[valid-type]
    limit: Annotated[int | None, Query(ge=1, le=100_000)] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> IncidentFilter:
    """The filters of an incident list, checked."""
    try:
        box = parse_bbox(bbox) if bbox else None
        centre = parse_near(near, km) if near else None
        if km is not None and near is None:
            raise ValueError("km needs near=lon,lat (the centre)")
        filters = IncidentFilter(
            since=since,
            until=until,
            type=type,
            line=line,
            near=centre,
            bbox=box,
            status=status,
            sort=sort,
            limit=limit,
            offset=offset,
        )
        filters.check()
    except (ValueError, FilterError) as exc:
        raise Problem(422, "Invalid request", f"{exc}.") from None
    return filters


def _geojson(records: list[dict]) -> dict:
    features = []
    for record in records:
        geometry = None
        if record.get("lon") is not None and record.get("lat") is not None:
            geometry = {"type": "Point", "coordinates": [record["lon"], record["lat"]]}
        features.append({"type": "Feature", "geometry": geometry, "properties": record})
    return {"type": "FeatureCollection", "features": features}


def _not_found(incident_id: str) -> Problem:
    return Problem(
        404,
        "No such incident",
        f"There is no incident {incident_id!r}; list them at /api/incidents.",
    )


def _routes(app: FastAPI, ctx: Context) -> None:
    _page_routes(app, ctx)
    _meta_routes(app, ctx)
    _incident_routes(app, ctx)
    _impact_routes(app, ctx)


def _page_routes(app: FastAPI, ctx: Context) -> None:
    """The dashboard and the API docs, both from the package's static files."""

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(
            str(web_static_dir().joinpath("index.html")),
            media_type="text/html",
            headers={"Content-Security-Policy": DASHBOARD_CSP, "X-Content-Type-Options": "nosniff"},
        )

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="railwatch API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.png",
        )


def _meta_routes(app: FastAPI, ctx: Context) -> None:
    """Status, network, country outlines and the incident list."""
    settings = ctx.settings

    # Answers that never change while the server runs: computed once, served without a thread.
    corridors = [
        {"origin": o, "destination": d}
        for o, d in dict.fromkeys(zip(ctx.demand.origin, ctx.demand.destination, strict=True))
    ]
    country_outlines = (
        resources.files("railwatch.render").joinpath("data/countries.geojson").read_bytes()
    )

    @app.get("/api/status", tags=["meta"])
    async def status() -> dict:
        """What this server runs on, and whether it takes writes."""
        return {
            "read_only": settings.read_only,
            "store": ctx.backend.kind,
            "store_location": ctx.backend.location,
            "can_review": ctx.backend.can_review,
            "network": ctx.network.name,
            "corridors": corridors,
            "body_limit_bytes": settings.body_limit,
            "simulation": bool(
                settings.simulation_file is not None and settings.simulation_file.exists()
            ),
        }

    @app.get("/api/network", tags=["network"])
    async def network() -> Response:
        """The network as one GeoJSON FeatureCollection (nodes, sections, structures)."""
        return Response(ctx.network_geojson, media_type="application/geo+json")

    @app.get("/api/countries", tags=["network"])
    async def countries() -> Response:
        """Country outlines for the base map (Natural Earth 1:110m, public domain)."""
        return Response(country_outlines, media_type="application/geo+json")

    @app.get("/api/incidents", tags=["incidents"])
    def incidents(
        query: Annotated[IncidentFilter, Depends(incident_query)],
        format: Annotated[Literal["geojson", "json", "csv"], Query()] = "geojson",
    ) -> Response:
        """Incidents passing every filter, as GeoJSON (default), a JSON array or CSV."""
        records = ctx.backend.records(query)
        if format == "csv":
            return Response(
                records_to_csv(records),
                media_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": 'attachment; filename="incidents.csv"'},
            )
        if format == "json":
            return JSONResponse(records)
        return JSONResponse(_geojson(records), media_type="application/geo+json")


def _incident_routes(app: FastAPI, ctx: Context) -> None:
    """One incident, its audit, review actions and report ingest."""

    @app.get("/api/incidents/{incident_id}", tags=["incidents"])
    def incident(incident_id: str) -> dict:
        """One incident with its reports (full text, untrusted) and its claims."""
        try:
            return ctx.backend.record(incident_id)
        except UnknownIncident:
            raise _not_found(incident_id) from None

    @app.get("/api/incidents/{incident_id}/audit", tags=["review"])
    def audit(incident_id: str) -> list[dict]:
        """Every review change of an incident: who, when, before, after."""
        try:
            return ctx.backend.audit(incident_id)
        except UnknownIncident:
            raise _not_found(incident_id) from None

    @app.post("/api/incidents/{incident_id}/review", tags=["review"], dependencies=[Writer])
    def review(
        incident_id: str,
        action: Annotated[Literal[ACTIONS], Body()],  # type: ignore[valid-type]
        who: Annotated[str, Body(min_length=1, max_length=200)],
        fields: Annotated[dict[str, Any] | None, Body()] = None,
    ) -> dict:
        """Confirm, reject, reopen, merge, split, correct (place, type, dates, effect) or set
        the restoration; every change is an audit row (who, when, before, after).

        `fields` carries what the action needs: {"other": ID} to merge ID into this one,
        {"reports": [IDS]} to split them off, {"type": "fire"}, {"start": DAY, "end": DAY},
        {"location": {...}} or {"effect": "blocked_both"} to correct, {"restored_at": DAY}
        for restoration; any action takes {"note": TEXT}.
        """
        try:
            return ctx.backend.review(incident_id, action, who.strip(), fields or {})
        except UnknownIncident:
            raise _not_found(incident_id) from None
        except (ValueError, TypeError) as exc:
            raise Problem(422, "The review cannot be applied", str(exc)) from None

    @app.post(
        "/api/reports",
        tags=["incidents"],
        status_code=201,
        dependencies=[Writer],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "text/plain": {"schema": {"type": "string"}},
                    "text/html": {"schema": {"type": "string"}},
                    "application/json": {
                        "schema": {"type": "object", "description": "Telegram Desktop export"}
                    },
                },
            }
        },
    )
    async def post_report(
        request: Request,
        published: Annotated[
            date | None, Query(description="Publication date if the text has none")
        ] = None,
    ) -> dict:
        """Ingest one report: plain text, Markdown, HTML or a Telegram Desktop export (JSON)."""
        body = await request.body()
        kind = request.headers.get("content-type", "text/plain").split(";")[0].strip().lower()
        from railwatch.api.ingest_body import reports_from_body

        reports = await run_in_threadpool(reports_from_body, body, kind, published)
        outcome = await run_in_threadpool(ctx.backend.ingest, reports)
        return {
            "new_reports": outcome.new_reports,
            "known_reports": outcome.known_reports,
            "incidents": outcome.incidents,
        }


def _impact_routes(app: FastAPI, ctx: Context) -> None:
    """Closures of a day, their impact, criticality and simulation bands."""
    settings = ctx.settings

    @app.get("/api/closures", tags=["impact"])
    def closures(day: Annotated[date | None, Query(alias="date")] = None) -> dict:
        """The closures the stored incidents put on the network on a day (default today)."""
        day = day or date.today()
        records = ctx.backend.records(IncidentFilter(until=day))
        return {
            "date": day.isoformat(),
            "closures": [c.__dict__ for c in closures_on(records, day)],
        }

    @app.get("/api/impact", tags=["impact"])
    def impact(day: Annotated[date | None, Query(alias="date")] = None) -> dict:
        """Capacity before and after per corridor, reroutes and OD losses on a day."""
        day = day or date.today()
        records = ctx.backend.records(IncidentFilter(until=day))
        try:
            return impact_of(ctx.network, ctx.demand, closures_on(records, day), day)
        except ValueError as exc:
            raise Problem(422, "The impact cannot be computed", str(exc)) from None

    @app.get("/api/criticality", tags=["impact"])
    def criticality(top: Annotated[int, Query(ge=1, le=1000)] = 15) -> list[dict]:
        """Sections and structures ranked by the detour their loss costs (N-1)."""
        return ctx.criticality.top(top)

    @app.get("/api/simulation", tags=["impact"])
    def simulation() -> Response:
        """Recovery bands (P10/P50/P90 per day) of a saved Monte Carlo run, if any."""
        saved = settings.simulation_file
        if saved is None or not saved.exists():
            raise Problem(
                404,
                "No simulation has been run",
                "Run `railwatch demo --serve`, or start the server with --simulation FILE "
                "written by railwatch.api.simulation_file.write_simulation.",
            )
        return Response(saved.read_bytes(), media_type="application/json")
