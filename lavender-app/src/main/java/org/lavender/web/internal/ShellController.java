package org.lavender.web.internal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class ShellController {

    @GetMapping("/login")
    String login() {
        return "web/login";
    }

    @GetMapping("/")
    String home() {
        return "web/home";
    }
}
