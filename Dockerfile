# Multi-stage build of the API. docker-compose.yml runs it next to Neo4j.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/urbangraph ./cmd/urbangraph

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=build /out/urbangraph /app/urbangraph
COPY data /app/data
ENV URBANGRAPH_ADDR=:8080 URBANGRAPH_SEED_DIR=/app/data/seed URBANGRAPH_REFERENCE_DIR=/app/data/reference
EXPOSE 8080
ENTRYPOINT ["/app/urbangraph"]
CMD ["serve", "--seed"]
