"""The web process: the chat widget, its gateway, and the staff console (one ASGI app)."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.orm import Session, sessionmaker

from desk.config import DeskConfig
from desk.errors import NotSignedIn
from desk.gateway import Gateway
from desk.gateway import router as gateway_router
from desk.hub import Hub
from desk.ratelimit import RateLimit
from desk.relay import RasaRelay
from desk.routes import auth, cases, chats, dashboard, mail
from desk.web import HERE, templates
from responses.rendering import labels

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
    "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
}


def create_app(config: DeskConfig, sessions: sessionmaker[Session]) -> FastAPI:
    """The app, given its configuration and a case store whose schema is current."""
    gateway = Gateway(
        sessions=sessions,
        relay=RasaRelay(config.rasa_url),
        hub=Hub(),
        default_profile=config.profile,
        per_conversation=RateLimit(rate=0.5, burst=10),
        per_address=RateLimit(rate=1.0, burst=30),
        new_per_address=RateLimit(rate=1 / 60, burst=10),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        await gateway.relay.close()

    app = FastAPI(title="Madoguchi desk", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.config, app.state.sessions, app.state.gateway = config, sessions, gateway
    for router in (gateway_router, auth.router, chats.router, cases.router, dashboard.router, mail.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    # The widget runs on the company's own site: its API takes a per-conversation token, never cookies.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=config.widget_origins,
        allow_credentials=False,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "X-Chat-Token"],
    )
    _add_pages_and_handlers(app, config)
    return app


def _add_pages_and_handlers(app: FastAPI, config: DeskConfig) -> None:
    @app.exception_handler(NotSignedIn)
    async def to_login(request: Request, exc: NotSignedIn) -> Response:
        if request.url.path.startswith("/desk/api/") or request.method != "GET":
            return JSONResponse({"detail": "sign in first"}, status_code=401)
        return RedirectResponse("/desk/login", status_code=303)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.get("/", response_class=HTMLResponse)
    def demo(request: Request, lang: str = "ja") -> HTMLResponse:
        lang = lang if lang in ("ja", "en") else "ja"
        return templates.TemplateResponse(request, "demo.html", {"lang": lang, "profile": config.profile})

    @app.get("/api/chat/strings")
    def widget_strings(lang: str = "ja") -> dict[str, str]:
        codes = labels(lang if lang in ("ja", "en") else "ja")
        return {
            key.removeprefix("widget."): value for key, value in codes.items() if key.startswith("widget.")
        }

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}
