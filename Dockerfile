# Build with the Maven wrapper on a JDK, run on a JRE as a non-root user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
COPY content/ content/
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN groupadd --system rulescope && useradd --system --gid rulescope --uid 10001 --no-create-home rulescope \
    && mkdir -p /var/cache/rulescope /var/lib/rulescope && chown rulescope:rulescope /var/cache/rulescope /var/lib/rulescope
WORKDIR /app
COPY --from=build /src/target/rulescope-*.jar /tmp/rulescope.jar
# Start-up (see README, "Starting fast"): the jar extracted (no nested-jar class loading), Spring's build-time AOT
# bean definitions, and a class-data archive recorded by a training run that stops once the context is up. The training
# run interprets only (-Xint): JDK 17 archives a method that was waiting for the JIT when the run exited still marked
# as queued, and no later run ever compiles it (JDK-8306460, fixed in 21); SHA-256 alone then cost 4 s of a start.
RUN java -Djarmode=tools -jar /tmp/rulescope.jar extract --destination /app && rm /tmp/rulescope.jar \
    && java -Xint -Dspring.aot.enabled=true -XX:ArchiveClassesAtExit=/app/rulescope.jsa -Dspring.context.exit=onRefresh \
       -jar /app/rulescope.jar \
       --server.port=0 --rulescope.snapshot-dir= --rulescope.data-dir=/tmp/training && rm -rf /tmp/training
# The embedded content/ is inside the jar. Mount more rule repositories under /rules and name them, e.g.
#   docker run -p 8080:8080 -v "$PWD/sigma:/rules/sigma:ro" -e RULESCOPE_SOURCES=embedded,/rules/sigma rulescope
# Git sources (RULESCOPE_SOURCES=sigma=https://github.com/SigmaHQ/sigma.git) are cloned into /var/lib/rulescope beside
# the database of their histories; keep it and /var/cache/rulescope on volumes so a restart fetches instead of cloning and
# restores the saved catalog.
VOLUME ["/rules", "/var/cache/rulescope", "/var/lib/rulescope"]
# C1 only halves the start-up on small machines at the cost of peak throughput, and the parallel collector takes
# about 0.5 s more off it (no G1 barriers or refinement while ingest allocates) at the cost of a 0.2-0.3 s full
# collection after a refresh (README, "Starting fast"). `-e JDK_JAVA_OPTIONS=` runs with the default JIT and G1.
ENV RULESCOPE_SOURCES="" RULESCOPE_SNAPSHOT_DIR=/var/cache/rulescope RULESCOPE_DATA_DIR=/var/lib/rulescope \
    JDK_JAVA_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseParallelGC"
USER rulescope
EXPOSE 8080
# Transparent huge pages (where the kernel offers them on request, as most do): ingest allocates gigabytes in short-lived
# objects, and 2 MB pages cut the page faults and TLB misses of that churn (0.4-0.7 s of a four-corpus start). A string
# table sized for the 200,000 strings four corpora intern: the default one grows twice and its chains get long.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/rulescope.jsa", "-Dspring.aot.enabled=true", "-XX:MaxRAMPercentage=75", \
    "-XX:+UseTransparentHugePages", "-XX:StringTableSize=262144", \
    "-jar", "/app/rulescope.jar"]
