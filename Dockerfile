# One image definition for every flavour: docker build --build-arg MODULE=standalone|command-side|query-side .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY shared-api/pom.xml shared-api/
COPY platform/pom.xml platform/
COPY command-side/pom.xml command-side/
COPY query-side/pom.xml query-side/
COPY standalone/pom.xml standalone/
COPY bench/pom.xml bench/
COPY bench/crud/pom.xml bench/crud/
RUN ./mvnw -B -q dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN ./mvnw -B -q -o -DskipTests package -pl standalone,command-side,query-side -am \
 && mkdir /out \
 && cp standalone/target/standalone-*-SNAPSHOT.jar /out/standalone.jar \
 && cp command-side/target/command-side-*-exec.jar /out/command-side.jar \
 && cp query-side/target/query-side-*-exec.jar /out/query-side.jar

FROM eclipse-temurin:17-jre
ARG MODULE=standalone
RUN useradd --system --uid 10001 orders && mkdir /data && chown orders /data
WORKDIR /app
COPY --from=build /out/${MODULE}.jar /app/app.jar
COPY deploy/jvm.options /app/jvm.options
USER orders
ENV ORDERS_DATA_DIR=/data JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080 8081 8082
# The JRE image has neither curl nor wget: ask the readiness probe over bash's /dev/tcp. Health answers on the
# management port (MANAGEMENT_SERVER_PORT; by default 9081 command side, 9082 query side, 9080 standalone on
# PostgreSQL) or, on the embedded default, on the API's port: the first of them that answers UP counts.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 CMD ["bash", "-c", \
  "for p in ${MANAGEMENT_SERVER_PORT:-} 9081 9082 9080 ${PORT:-8080}; do (exec 3<>/dev/tcp/127.0.0.1/$p && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q UP <&3) 2>/dev/null && exit 0; done; exit 1"]
# Request threads below the event processors (deploy/jvm.options; the user is not root, so the JVM warns at start
# that raising a priority may need root: the service only lowers them).
ENTRYPOINT ["java", "@/app/jvm.options", "-jar", "/app/app.jar"]
