package io.ordersvc.platform.security;

import io.ordersvc.platform.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Development tokens, only while the service runs with the documented development secret (the embedded
 * default). With a real secret or issuer this endpoint answers 404: tokens then come from your identity provider
 * or from bin/mint-token.
 */
@RestController
@RequestMapping("/api/v1/dev/tokens")
@Tag(name = "Development", description = "Token minting for the embedded default only")
public class DevTokenController {

    private final JwtSettings settings;
    private final Clock clock;

    public DevTokenController(JwtSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public record TokenRequest(@NotBlank @Size(max = 64) String sub,
                               @NotEmpty List<@Pattern(regexp = "buyer|seller|admin|system") String> roles,
                               @Size(max = 64) String shopId,
                               @Min(60) @Max(604800) Integer ttlSeconds) {
    }

    @ProblemCodes(notFound = {"NOT_FOUND"})
    @PostMapping
    @Operation(operationId = "mintDevelopmentToken", summary = "Mint a development token (embedded default only)")
    public Map<String, String> mint(@Valid @RequestBody TokenRequest request) {
        if (!settings.developmentSecret()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        long ttl = request.ttlSeconds() == null ? 86_400 : request.ttlSeconds();
        String token = new TokenMinter(settings.secret())
                .mint(request.sub(), request.roles(), request.shopId(), Duration.ofSeconds(ttl), clock.instant());
        return Map.of("token", token);
    }
}
