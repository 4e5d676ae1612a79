# syntax=docker/dockerfile:1
# The silo image: one process that is silo, gateway (SignalR hubs, HTTP API, static UIs) and, with the command
# `migrate`, the schema step before a rollout. Build from the repository root:
#   docker build -t kasse-silo .
# deploy/README.md describes how to run it (compose, Kubernetes) and which paths need a writable mount.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The web project's build installs the browser libraries with `npm ci` (web/package-lock.json).
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Project files first: restore and npm install are cached until a project file or the lock file changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY grain-interfaces/Kasse.GrainInterfaces.csproj grain-interfaces/
COPY grains/Kasse.Grains.csproj grains/
COPY web/Kasse.Web.csproj web/package.json web/package-lock.json web/
COPY silo/Kasse.Silo.csproj silo/
RUN dotnet restore silo/Kasse.Silo.csproj
RUN cd web && npm ci --no-audit --no-fund
COPY grain-interfaces/ grain-interfaces/
COPY grains/ grains/
COPY web/ web/
COPY silo/ silo/
RUN dotnet publish silo/Kasse.Silo.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# DejaVu Sans is the font embedded in generated PDFs (Documents:FontPath); SkiaSharp reads it from the file.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# HTTP (gateway, health), Orleans silo-to-silo, Orleans client gateway.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    shutdownTimeoutSeconds=90
EXPOSE 8080 11111 30000
# The images' non-root `app` user (APP_UID), numeric so that Kubernetes can check runAsNonRoot.
USER 1654
# No curl in this image: the silo itself asks its /health/live (exit 0 when it answers 200).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["dotnet", "Kasse.Silo.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "Kasse.Silo.dll"]
