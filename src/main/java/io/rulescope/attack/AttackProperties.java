package io.rulescope.attack;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which ATT&CK to load.
 *
 * @param bundle a full ATT&CK STIX bundle to load instead of the tables shipped in {@code content/attack/}; blank
 *     means the shipped tables
 */
@ConfigurationProperties("rulescope.attack")
public record AttackProperties(@DefaultValue("") String bundle) {
}
