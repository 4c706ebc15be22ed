// The display board: polls state.json every 1.5 s, redraws, and announces a new call once
// (a chime from WebAudio, then the call spoken in Indonesian where the browser has a voice).
// No library, no network beyond this server.
(function () {
  "use strict";
  var board = document.getElementById("fd-board");
  if (!board) { return; }
  var url = board.getAttribute("data-state-url");
  var announced = board.getAttribute("data-announced") || "";
  var words = document.getElementById("fd-text").content.firstElementChild.dataset;
  var soundOn = false;
  var audio = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function chime() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) { return; }
    audio = audio || new Ctx();
    [660, 880].forEach(function (freq, i) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      var start = audio.currentTime + i * 0.35;
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.3, start + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.6);
      osc.connect(gain).connect(audio.destination);
      osc.start(start);
      osc.stop(start + 0.65);
    });
  }

  function speak(text) {
    if (!("speechSynthesis" in window) || !text) { return; }
    var voices = window.speechSynthesis.getVoices();
    var voice = voices.filter(function (v) { return /^id/i.test(v.lang); })[0];
    if (!voice && voices.length) { return; }  // no Indonesian voice: the chime alone
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = "id-ID";
    if (voice) { utterance.voice = voice; }
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
  }

  function draw(state) {
    var now = document.getElementById("fd-now");
    now.textContent = "";
    if (!state.now_called.length) { now.appendChild(el("p", "fd-empty", words.empty)); }
    state.now_called.forEach(function (item) {
      var call = el("div", "fd-call");
      if (state.announce && item.number === state.announce.number) { call.className += " fd-call-new"; }
      call.appendChild(el("span", "fd-call-number", item.number));
      call.appendChild(el("span", "fd-call-desk", words.desk + " " + item.desk));
      call.appendChild(el("span", "fd-call-service", item.service_label));
      now.appendChild(call);
    });
    var recent = document.getElementById("fd-recent");
    recent.textContent = "";
    state.recent.forEach(function (item) {
      var li = el("li");
      li.appendChild(el("strong", "", item.number));
      li.appendChild(document.createTextNode(" → " + words.desk + " " + item.desk));
      recent.appendChild(li);
    });
    var waiting = document.getElementById("fd-waiting");
    waiting.textContent = "";
    state.waiting.forEach(function (item) {
      var li = el("li");
      li.appendChild(el("span", "", item.prefix + " · " + item.service_label));
      li.appendChild(el("strong", "", String(item.count)));
      waiting.appendChild(li);
    });
    board.classList.remove("fd-offline");
    if (state.announce && state.announce.key !== announced) {
      announced = state.announce.key;
      board.setAttribute("data-announced", announced);
      if (soundOn) {
        chime();
        setTimeout(function () { speak(state.announce.speech); }, 900);
      }
    }
  }

  function poll() {
    fetch(url, { cache: "no-store" })
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(draw)
      .catch(function () { board.classList.add("fd-offline"); })
      .then(function () { setTimeout(poll, 1500); });
  }

  function tick() {
    document.getElementById("fd-clock").textContent =
      new Date().toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Jakarta" });
  }

  // Browsers play sound only after a person touches the page once (the TV's remote, a click).
  document.getElementById("fd-sound").addEventListener("click", function (event) {
    soundOn = true;
    chime();
    event.target.hidden = true;
  });
  tick();
  setInterval(tick, 10000);
  setTimeout(poll, 1500);
}());
