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
RUN groupadd --system rulescope && useradd --system --gid rulescope --uid 10001 --no-create-home rulescope
WORKDIR /app
# The embedded content/ is inside the jar. Mount more rule repositories under /rules and name them, e.g.
#   docker run -p 8080:8080 -v "$PWD/sigma:/rules/sigma:ro" -e RULESCOPE_SOURCES=embedded,/rules/sigma rulescope
COPY --from=build /src/target/rulescope-*.jar /app/rulescope.jar
VOLUME ["/rules"]
ENV RULESCOPE_SOURCES=""
USER rulescope
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/rulescope.jar"]
