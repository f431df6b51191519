package org.lavender.web.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * People sign in with a form (session + CSRF token on every form); systems (EHR, middleware, scripts) call
 * {@code /api} and {@code /fhir} with HTTP Basic and get 401/403 rather than a login page.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final RequestMatcher MACHINE_API = request -> {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/fhir");
    };

    /** The FHIR servlet is not the DispatcherServlet, so match its path on the raw URI. */
    static final RequestMatcher FHIR_METADATA = request -> "GET".equals(request.getMethod())
            && request.getRequestURI().substring(request.getContextPath().length()).equals("/fhir/metadata");

    /**
     * CSRF rides on a browser's session cookie. A Basic-authenticated call, or an API call that carries no session
     * at all, cannot be forged that way, so it is exempt (and an anonymous one then gets 401, not a CSRF 403).
     */
    static final RequestMatcher STATELESS_CALL = request -> {
        String auth = request.getHeader("Authorization");
        boolean basic = auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6);
        return basic || (MACHINE_API.matches(request) && request.getRequestedSessionId() == null);
    };

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        var basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("Lavender");
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error",
                                "/actuator/health", "/actuator/health/**").permitAll()
                        // FHIR clients read the CapabilityStatement before they authenticate (FHIR R4 http.html).
                        .requestMatchers(FHIR_METADATA).permitAll()
                        .requestMatchers("/api/docs/**", "/api/docs", "/api/openapi/**", "/swagger-ui/**")
                        .authenticated()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .httpBasic(b -> b.authenticationEntryPoint(basic))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(basic, MACHINE_API)
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                request -> "true".equals(request.getHeader("HX-Request"))))
                .csrf(csrf -> csrf.ignoringRequestMatchers(STATELESS_CALL))
                // Only pages remember where to return after login; an API call gets 401 and no session cookie.
                .requestCache(cache -> cache.requestCache(pageRequestCache()))
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .sessionManagement(Customizer.withDefaults());
        return http.build();
    }

    private static HttpSessionRequestCache pageRequestCache() {
        var cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(request -> !MACHINE_API.matches(request) && "GET".equals(request.getMethod()));
        return cache;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
