# Portal — multi-stage build: SDK → ASP.NET runtime, non-root, data on a volume, port 8080.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# ReadyToRun: the assemblies carry native code for the target, so the first minute after a start is not spent
# compiling (bench/README.md, issue 19). BuildKit sets TARGETARCH (amd64, arm64); -a takes those names.
ARG TARGETARCH=amd64
RUN dotnet publish Portal/Portal.csproj -c Release -a "$TARGETARCH" --self-contained false -p:PublishReadyToRun=true -o /app/publish

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl for the health check; tzdata for Asia/Shanghai.
RUN apt-get update && apt-get install -y --no-install-recommends curl tzdata && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/publish .
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Portal__DataDirectory=/data \
    TZ=Asia/Shanghai
RUN mkdir -p /data && chown app:app /data
VOLUME /data
USER app
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD curl -fsS http://localhost:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "Portal.dll"]
