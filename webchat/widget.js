/*
 * ShopAssist chat widget: a small, dependency-free client for Rasa's socket.io channel.
 *
 * - connects with the socket.io client (served locally from vendor/), asks Rasa for a session
 *   ("session_request"), keeps the session id and the transcript in localStorage, so a page
 *   reload shows the same conversation and the bot still remembers it (credentials.yml has
 *   `session_persistence: true`);
 * - renders bot text, quick-reply buttons, images and product cards (Rasa "elements"), and a
 *   typing indicator while the assistant is working.
 *
 * Usage: ShopAssistChat.mount({socketUrl: "http://127.0.0.1:5005", socketPath: "/socket.io/"})
 */
(function (global) {
  "use strict";

  var STORE_KEY = "shopassist.chat.v1";
  var MAX_STORED = 200;
  var TYPING_TIMEOUT_MS = 30000;
  var STARTERS = [
    { title: "Track my order", payload: "/track_order" },
    { title: "Return & refund", payload: "/get_refund" },
    { title: "Leave a review", payload: "/review" },
    { title: "Talk to a person", payload: "/contact_human_agent" },
  ];
  /* Chinese and English (issue 11): the page's own words per language. The language switch
     sends a switch request ("说中文" / "English please"): the assistant's language slot follows
     it like any customer message, so page and assistant agree. */
  var UI = {
    en: { placeholder: "Type a message…", send: "Send", toggle: "中文", toggleLabel: "切换到中文",
          switchTitle: "中文", switchText: "说中文",
          welcome: "Hi! I'm the Northwind assistant. Ask me about orders, delivery, returns, invoices or your account.",
          starters: STARTERS },
    zh: { placeholder: "请输入消息…", send: "发送", toggle: "EN", toggleLabel: "Switch to English",
          switchTitle: "English", switchText: "English please",
          welcome: "您好！我是 Northwind 小助手。订单、配送、退货、发票或账户问题都可以问我。",
          starters: [
            { title: "查询订单", payload: "/track_order" },
            { title: "退货退款", payload: "/get_refund" },
            { title: "写评价", payload: "/review" },
            { title: "转人工", payload: "/contact_human_agent" },
          ] },
  };

  function loadState() {
    try {
      var state = JSON.parse(global.localStorage.getItem(STORE_KEY) || "{}");
      if (!state || typeof state !== "object") state = {};
      state.messages = Array.isArray(state.messages) ? state.messages : [];
      return state;
    } catch (e) {
      return { messages: [] };
    }
  }

  var SVG_NS = "http://www.w3.org/2000/svg";
  var ICONS = {
    chat: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
    bag: "M6 8h12l-1 12H7L6 8zm3 0a3 3 0 0 1 6 0",
  };

  /* Inline SVG icons: no icon font or emoji font needed. */
  function icon(name, size) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", String(size || 24));
    svg.setAttribute("height", String(size || 24));
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", name === "chat" ? "currentColor" : "none");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", name === "chat" ? "0" : "2");
    svg.appendChild(path);
    return svg;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "className") node.className = attrs[key];
      else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), attrs[key]);
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  /* Plain text with links and line breaks; never interprets HTML from the bot. */
  function richText(text) {
    var frag = document.createDocumentFragment();
    String(text).split("\n").forEach(function (line, index) {
      if (index) frag.appendChild(document.createElement("br"));
      var parts = line.split(/(https?:\/\/[^\s<>"]+)/g);
      parts.forEach(function (part, i) {
        if (i % 2) frag.appendChild(el("a", { href: part, target: "_blank", rel: "noopener noreferrer", text: part }));
        else if (part) frag.appendChild(document.createTextNode(part));
      });
    });
    return frag;
  }

  /* One bot event from Rasa's socket.io output channel -> our stored message shape. */
  function fromRasa(data) {
    var msg = { from: "bot" };
    if (!data || typeof data !== "object") return null;
    if (data.text) msg.text = String(data.text);
    var buttons = data.quick_replies || data.buttons;
    if (Array.isArray(buttons) && buttons.length) {
      msg.buttons = buttons.map(function (b) { return { title: String(b.title || b.payload), payload: b.payload, url: b.url }; });
    }
    var att = data.attachment;
    if (att && typeof att === "object") {
      var payload = att.payload || {};
      if (att.type === "image") msg.image = payload.src || payload.url;
      else if (att.type === "template" && payload.elements) {
        msg.cards = Array.isArray(payload.elements) ? payload.elements : [payload.elements];
      } else if (att.type === "template" && payload.template_type === "button") {
        msg.text = msg.text || payload.text;
        msg.buttons = (payload.buttons || []).map(function (b) { return { title: b.title, payload: b.payload, url: b.url }; });
      }
    }
    if (data.image) msg.image = data.image;
    if (Array.isArray(data.elements)) msg.cards = data.elements;
    if (!msg.text && !msg.buttons && !msg.image && !msg.cards) return null;
    return msg;
  }

  function Widget(options) {
    this.options = options || {};
    this.state = loadState();
    this.socket = null;
    this.confirmed = false;
    this.outbox = [];
    this.typingTimer = null;
  }

  Widget.prototype.save = function () {
    this.state.messages = this.state.messages.slice(-MAX_STORED);
    try { global.localStorage.setItem(STORE_KEY, JSON.stringify(this.state)); } catch (e) { /* private mode */ }
  };

  Widget.prototype.build = function () {
    var self = this;
    this.list = el("ol", { className: "sa-messages", "aria-live": "polite", "data-testid": "messages" });
    this.typing = el("div", { className: "sa-typing", "aria-label": "The assistant is typing", "data-testid": "typing" },
      [el("span"), el("span"), el("span")]);
    this.typing.hidden = true;
    var words = this.words();
    this.input = el("input", { type: "text", name: "message", autocomplete: "off", maxlength: "1000",
      placeholder: words.placeholder, "aria-label": "Your message", "data-testid": "input" });
    this.sendButton = el("button", { type: "submit", className: "sa-send", text: words.send, "data-testid": "send" });
    this.langButton = el("button", { type: "button", className: "sa-icon sa-lang", title: words.toggleLabel,
      "aria-label": words.toggleLabel, "data-testid": "language", text: words.toggle,
      onclick: function () { self.switchLanguage(); } });
    this.status = el("span", { className: "sa-status", "data-state": "connecting", title: "connecting" });
    var form = el("form", { className: "sa-composer", onsubmit: function (event) {
      event.preventDefault();
      var text = self.input.value.trim();
      if (text) { self.input.value = ""; self.send(text, text); }
    } }, [this.input, this.sendButton]);
    this.panel = el("section", { className: "sa-panel", role: "dialog", "aria-label": "Chat with the shop assistant" }, [
      el("header", { className: "sa-header" }, [
        el("div", { className: "sa-avatar", "aria-hidden": "true" }, [icon("bag", 20)]),
        el("div", { className: "sa-heading" }, [
          el("strong", { text: this.options.title || "Shop assistant" }),
          el("small", {}, [this.status, document.createTextNode(" " + (this.options.subtitle || "Virtual assistant"))]),
        ]),
        this.langButton,
        el("button", { type: "button", className: "sa-icon", title: "Start a new conversation", "aria-label": "Start a new conversation",
          "data-testid": "restart", text: "↺", onclick: function () { self.restart(); } }),
        el("button", { type: "button", className: "sa-icon", title: "Close", "aria-label": "Close chat", text: "×",
          onclick: function () { self.setOpen(false); } }),
      ]),
      this.list, this.typing, form,
    ]);
    this.launcher = el("button", { type: "button", className: "sa-launcher", "aria-label": "Chat with us",
      "data-testid": "launcher", onclick: function () { self.setOpen(!self.state.open); } }, [icon("chat", 28)]);
    this.root = el("div", { className: "sa-chat", id: "shopassist-chat" }, [this.panel, this.launcher]);
    document.body.appendChild(this.root);
  };

  Widget.prototype.setOpen = function (open) {
    this.state.open = !!open;
    this.root.classList.toggle("sa-open", this.state.open);
    this.panel.hidden = !this.state.open;
    this.save();
    if (this.state.open) {
      if (!this.state.messages.length) this.welcome();
      this.scroll();
      this.input.focus();
    }
  };

  Widget.prototype.words = function () {
    return UI[this.state.lang === "zh" ? "zh" : "en"];
  };

  Widget.prototype.welcome = function () {
    var words = this.words();
    this.add({ from: "bot", local: true, persistent: true, text: words.welcome, buttons: words.starters });
  };

  /* Toggle the page language and ask the assistant to switch too. */
  Widget.prototype.switchLanguage = function () {
    var before = this.words();
    this.state.lang = this.state.lang === "zh" ? "en" : "zh";
    var words = this.words();
    document.documentElement.lang = this.state.lang === "zh" ? "zh-CN" : "en";
    this.input.placeholder = words.placeholder;
    this.sendButton.textContent = words.send;
    this.langButton.textContent = words.toggle;
    this.langButton.title = words.toggleLabel;
    this.langButton.setAttribute("aria-label", words.toggleLabel);
    this.save();
    this.send(before.switchTitle, before.switchText);
  };

  Widget.prototype.render = function () {
    var self = this;
    this.list.textContent = "";
    this.state.messages.forEach(function (msg, index) { self.list.appendChild(self.renderMessage(msg, index)); });
    this.scroll();
  };

  Widget.prototype.renderMessage = function (msg, index) {
    var self = this;
    var item = el("li", { className: "sa-msg sa-" + msg.from, "data-from": msg.from });
    if (msg.text) item.appendChild(el("div", { className: "sa-bubble" }, [richText(msg.text)]));
    if (msg.image) item.appendChild(el("img", { className: "sa-image", src: msg.image, alt: msg.text || "image", loading: "lazy" }));
    if (msg.cards) {
      item.appendChild(el("div", { className: "sa-cards" }, msg.cards.map(function (card) {
        return el("div", { className: "sa-card" }, [
          card.image_url ? el("img", { src: card.image_url, alt: card.title || "product", loading: "lazy" }) : null,
          el("strong", { text: card.title || "" }),
          card.subtitle ? el("span", { text: card.subtitle }) : null,
          el("div", { className: "sa-card-buttons" }, (card.buttons || []).map(function (b) { return self.renderButton(b, msg, index); })),
        ]);
      })));
    }
    if (msg.buttons && msg.buttons.length) {
      item.appendChild(el("div", { className: "sa-replies", role: "group", "aria-label": "Suggested answers" },
        msg.buttons.map(function (b) { return self.renderButton(b, msg, index); })));
    }
    return item;
  };

  Widget.prototype.renderButton = function (button, msg, index) {
    var self = this;
    if (button.url) {
      return el("a", { className: "sa-reply", href: button.url, target: "_blank", rel: "noopener noreferrer", text: button.title });
    }
    var node = el("button", { type: "button", className: "sa-reply" + (msg.chosen === button.title ? " sa-chosen" : ""),
      text: button.title, "data-payload": button.payload || "", onclick: function () {
        if (msg.used) return;
        if (!msg.persistent) msg.chosen = button.title;
        self.send(button.title, button.payload || button.title);
      } });
    if (msg.used) node.disabled = true;
    return node;
  };

  Widget.prototype.add = function (msg) {
    this.state.messages.push(msg);
    this.save();
    this.list.appendChild(this.renderMessage(msg, this.state.messages.length - 1));
    this.scroll();
  };

  Widget.prototype.scroll = function () { this.list.scrollTop = this.list.scrollHeight; };

  Widget.prototype.showTyping = function (on) {
    var self = this;
    clearTimeout(this.typingTimer);
    this.typing.hidden = !on;
    if (on) {
      this.typingTimer = setTimeout(function () {
        self.typing.hidden = true;
        self.add({ from: "system", local: true, text: "The assistant is not answering right now. Please try again in a moment." });
      }, TYPING_TIMEOUT_MS);
    }
    this.scroll();
  };

  /* Show `title` as the customer's message and send `payload` to Rasa. */
  Widget.prototype.send = function (title, payload) {
    var changed = false;
    // the bot's earlier suggestions expire once the customer answers; the welcome menu stays usable
    this.state.messages.forEach(function (m) { if (m.buttons && !m.used && !m.persistent) { m.used = true; changed = true; } });
    if (changed) this.render();
    this.add({ from: "user", text: title });
    this.outbox.push(payload);
    this.flush();
    this.showTyping(true);
  };

  Widget.prototype.flush = function () {
    if (!this.socket || !this.socket.connected || !this.confirmed) return;
    while (this.outbox.length) {
      this.socket.emit("user_uttered", { message: this.outbox.shift(), session_id: this.state.sessionId });
    }
  };

  Widget.prototype.setStatus = function (name) {
    this.status.setAttribute("data-state", name);
    this.status.title = name;
    this.root.setAttribute("data-connection", name);
  };

  Widget.prototype.connect = function () {
    var self = this;
    if (typeof global.io !== "function") {
      this.setStatus("offline");
      this.add({ from: "system", local: true, text: "The chat client did not load (vendor/socket.io.min.js)." });
      return;
    }
    this.socket = global.io(this.options.socketUrl, {
      path: this.options.socketPath || "/socket.io/",
      transports: ["websocket"],
      reconnectionDelayMax: 10000,
    });
    this.socket.on("connect", function () {
      self.confirmed = false;
      self.setStatus("connecting");
      self.socket.emit("session_request", { session_id: self.state.sessionId || null });
    });
    this.socket.on("session_confirm", function (data) {
      var id = data && typeof data === "object" ? data.session_id : data;
      if (id) { self.state.sessionId = id; self.save(); }
      self.confirmed = true;
      self.setStatus("online");
      self.flush();
    });
    this.socket.on("bot_uttered", function (data) {
      var msg = fromRasa(data);
      self.showTyping(false);
      if (msg) self.add(msg);
    });
    this.socket.on("disconnect", function () { self.confirmed = false; self.setStatus("offline"); });
    this.socket.on("connect_error", function () { self.setStatus("offline"); });
  };

  Widget.prototype.restart = function () {
    this.state = { messages: [], open: true, lang: this.state.lang };
    this.save();
    this.render();
    this.welcome();
    if (this.socket) { this.socket.disconnect(); this.socket.connect(); }
  };

  var api = {
    mount: function (options) {
      var widget = new Widget(options);
      widget.build();
      widget.render();
      widget.setOpen(!!widget.state.open);
      widget.connect();
      api.instance = widget;
      return widget;
    },
    fromRasa: fromRasa,
    storageKey: STORE_KEY,
  };
  global.ShopAssistChat = api;
})(window);
