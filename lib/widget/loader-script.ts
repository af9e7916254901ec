/**
 * The embeddable loader served as /widget.js (issue 18). Plain ES2017 with no dependencies, so it
 * stays far under the 10 KB gzipped budget (lib/widget/loader-script.test.ts enforces it).
 *
 * It never touches the host page beyond one element and one global: the launcher and the iframe
 * live in a shadow root (no global CSS), and the only global is window.ChatConsole.
 * The iframe (the console's /widget page) loads only on first open, or at once on a later page
 * while a chat is live (so the unread badge keeps counting). Whether the chat was open, and
 * whether one is live, are kept in the host's sessionStorage so the next page of the site reopens
 * it. The chat's id and secret are kept in the HOST page's localStorage (first-party), handed to
 * the iframe on chatconsole:init: browsers that block third-party storage (Safari, Firefox strict,
 * Chromium here) give a cross-site iframe no localStorage. Only messages from the console
 * origin and from our own iframe are heard; identify() and the locale are sent once the iframe
 * says it is listening (chatconsole:ready), addressed to the console origin only.
 */

export interface LoaderLabels {
  launcher: string;
  frameTitle: string;
}

export function loaderScript(opts: { origin: string; labels: Record<string, LoaderLabels>; defaultLocale: string }): string {
  const cfg = JSON.stringify({ o: opts.origin, l: opts.labels, d: opts.defaultLocale }).replace(/</g, '\\u003c');
  return `(function(){"use strict";
if(window.ChatConsole)return;
var C=${cfg},O=C.o,loc=C.d,who=null,fr=null,isOpen=false,unread=0,ls={},K="chatconsole:open",KL="chatconsole:live",KS="chatconsole:session";
function getS(){try{var s=JSON.parse(localStorage.getItem(KS)||"null");return s&&typeof s.chatId=="string"&&typeof s.secret=="string"?{chatId:s.chatId,secret:s.secret}:null}catch(e){return null}}
try{var n=(navigator.language||"").toLowerCase();if(n.indexOf("fr")===0&&C.l["fr-CA"])loc="fr-CA"}catch(e){}
function emit(t,d){(ls[t]||[]).slice().forEach(function(f){try{f(d)}catch(e){}})}
var host=document.createElement("div");host.setAttribute("data-chatconsole","");
var root=host.attachShadow?host.attachShadow({mode:"open"}):host;
var st=document.createElement("style");
st.textContent=":host{all:initial}button{position:fixed;right:20px;bottom:20px;z-index:2147483646;font:600 15px/1.2 system-ui,sans-serif;color:#fff;background:#1d4ed8;border:0;border-radius:24px;padding:12px 18px;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3)}button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}.b{display:inline-block;min-width:1.4em;margin-left:8px;padding:1px 6px;border-radius:1em;background:#fff;color:#1d4ed8;font-size:13px}.b[hidden]{display:none}iframe{position:fixed;right:20px;bottom:80px;z-index:2147483647;width:380px;height:600px;max-height:calc(100vh - 100px);border:1px solid #ccc;border-radius:10px;background:#fff;box-shadow:0 4px 24px rgba(0,0,0,.25)}iframe[hidden]{display:none}@media (max-width:600px){iframe{inset:0;width:100%;height:100%;max-height:none;border-radius:0;border:0}}";
var btn=document.createElement("button");btn.type="button";btn.setAttribute("aria-expanded","false");
var lab=document.createElement("span"),badge=document.createElement("span");badge.className="b";badge.hidden=true;
btn.appendChild(lab);btn.appendChild(badge);root.appendChild(st);root.appendChild(btn);
function L(){return C.l[loc]||C.l[C.d]}
function paint(){lab.textContent=L().launcher;badge.textContent=unread?String(unread):"";badge.hidden=!unread;if(fr)fr.title=L().frameTitle}
function post(m){if(fr&&fr.contentWindow)fr.contentWindow.postMessage(m,O)}
function frame(){if(fr)return fr;fr=document.createElement("iframe");
fr.src=O+"/widget?locale="+encodeURIComponent(loc);fr.title=L().frameTitle;fr.hidden=true;
fr.setAttribute("allow","clipboard-write");
root.appendChild(fr);return fr}
function open(){frame().hidden=false;isOpen=true;unread=0;btn.setAttribute("aria-expanded","true");try{sessionStorage.setItem(K,"1")}catch(e){}paint();emit("open");emit("unread",0)}
function close(){if(fr)fr.hidden=true;isOpen=false;btn.setAttribute("aria-expanded","false");try{sessionStorage.removeItem(K)}catch(e){}paint();emit("close")}
btn.addEventListener("click",function(){isOpen?close():open()});
window.addEventListener("message",function(e){if(e.origin!==O||!fr||e.source!==fr.contentWindow||!e.data||typeof e.data.type!=="string")return;var d=e.data;
if(d.type==="chatconsole:ready")post({type:"chatconsole:init",session:getS(),identity:who,locale:loc});
else if(d.type==="chatconsole:session"){var s=d.session;try{s&&typeof s.chatId=="string"&&typeof s.secret=="string"&&s.chatId.length<=100&&s.secret.length<=200?localStorage.setItem(KS,JSON.stringify({chatId:s.chatId,secret:s.secret})):localStorage.removeItem(KS)}catch(e){}}
else if(d.type==="chatconsole:chat"){try{d.live?sessionStorage.setItem(KL,"1"):sessionStorage.removeItem(KL)}catch(e){}}
else if(d.type==="chatconsole:message"){if(!isOpen){unread++;paint();emit("unread",unread)}emit("message",d.message)}
else if(d.type==="chatconsole:close")close()});
window.ChatConsole={open:open,close:close,toggle:function(){isOpen?close():open()},
setLocale:function(l){if(!C.l[l])return;loc=l;paint();post({type:"chatconsole:locale",locale:l})},
identify:function(i){who={name:i&&i.name,email:i&&i.email,phone:i&&i.phone,hash:i&&i.hash};post({type:"chatconsole:identify",identity:who})},
on:function(t,f){(ls[t]=ls[t]||[]).push(f)},off:function(t,f){ls[t]=(ls[t]||[]).filter(function(g){return g!==f})},
isOpen:function(){return isOpen}};
function start(){document.body.appendChild(host);paint();var again=false,live=false;try{again=sessionStorage.getItem(K)==="1";live=sessionStorage.getItem(KL)==="1"}catch(e){}if(again)open();else if(live)frame();emit("ready")}
document.body?start():document.addEventListener("DOMContentLoaded",start);
})();
`;
}
